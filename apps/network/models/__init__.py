"""Network governance: coordinators, conventions, grants, committees, action plans, annual reports."""

from .consumption import ConsumptionAlert, Spending
from .conventions import Amendment, AmendmentChange, AmendmentSignature, Convention, Signatory
from .coordination import Candidate, CoordinationRole, Need
from .grants import Grant, GrantPayment
from .meetings import Attendance, Committee, CommitteeMember, Decision, Meeting
from .plans import ActionPlan, AnnualReport, PlannedAction
from .signing import SignatureApproval
from .synthesis import Barometer, BarometerParticipation, BarometerResponse, ReportReminder
from .territories import Coordinator, RegionContact

__all__ = [
    "ActionPlan",
    "Amendment",
    "AmendmentChange",
    "AmendmentSignature",
    "AnnualReport",
    "Barometer",
    "BarometerParticipation",
    "BarometerResponse",
    "ConsumptionAlert",
    "ReportReminder",
    "SignatureApproval",
    "Spending",
    "Attendance",
    "Candidate",
    "Committee",
    "CommitteeMember",
    "Convention",
    "CoordinationRole",
    "Coordinator",
    "Decision",
    "Grant",
    "GrantPayment",
    "Meeting",
    "Need",
    "PlannedAction",
    "RegionContact",
    "Signatory",
]
