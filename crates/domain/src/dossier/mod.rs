//! Dossiers (hồ sơ): an event-sourced state machine (docs/rules.md §6). [`decide`] checks an action against
//! the current state and returns the events it causes; [`Dossier::apply`] folds an event into the
//! state. Both are pure: instants, the actor and the deadline engine are arguments.

mod action;
mod action_text;
mod applicant;
mod event;
mod facts;
mod handover;
mod intake;
mod machine;
mod offer;
mod state;
mod status;
mod version;

pub use action::Action;
pub use applicant::NewApplicant;
pub use event::{Event, EventKind};
pub use facts::{Applicant, Channel, Facts, PaymentMethod, ReturnMethod};
pub use handover::{HandOver, HandedOver, Leg};
pub use intake::{IntakeInput, NewDossier, intake};
pub use machine::{Decided, DossierError, decide, rate};
pub use offer::{ActionKind, Scope, gate};
pub use state::{Apology, Decision, Dossier, Payment, Returned, StepState, TransferStep, Urgency};
pub use status::Status;
pub use version::Version;
