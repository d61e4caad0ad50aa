//! Who calls a use case. Every use case takes a [`Caller`]; [`crate::permissions`] alone decides
//! what it may do. There is no "no caller": a missing caller never means every power.

use motcua_domain::org::Actor;

/// The one who asks for a use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A signed-in staff member with their roles and scopes.
    Staff(Actor),
    /// A member of the public: the citizen pages and the public API. No staff power.
    Citizen(Citizen),
    /// The operator of the server's machine, on its command line.
    Operator(Operator),
}

impl Caller {
    /// A staff caller.
    pub fn staff(actor: Actor) -> Caller {
        Caller::Staff(actor)
    }

    /// A member of the public who has not proved who they are.
    pub fn public() -> Caller {
        Caller::Citizen(Citizen { _private: () })
    }

    /// The operator at the command line, recorded on events as `operator:<login>`. Only the
    /// `motcua` binary enables the `operator` feature that makes this constructor exist; `.ci/run`
    /// checks that the web crate cannot reach it.
    #[cfg(feature = "operator")]
    pub fn operator(login: &str) -> Caller {
        let login = if login.trim().is_empty() {
            "?"
        } else {
            login.trim()
        };
        Caller::Operator(Operator {
            name: format!("operator:{login}"),
        })
    }

    /// The name recorded on events and audit rows.
    pub fn name(&self) -> &str {
        match self {
            Caller::Staff(actor) => &actor.username,
            Caller::Citizen(_) => "cong_dan",
            Caller::Operator(op) => &op.name,
        }
    }

    /// The staff actor, if the caller is one.
    pub fn actor(&self) -> Option<&Actor> {
        match self {
            Caller::Staff(actor) => Some(actor),
            _ => None,
        }
    }
}

/// A member of the public. Fields are private: only [`Caller::public`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    _private: (),
}

/// The operator of the server's machine. Fields are private: only `Caller::operator` (feature
/// `operator`, enabled by the binary) makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    name: String,
}
