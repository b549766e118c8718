//! Triage: the state of a group of reports (all reports naming one indicator) and the
//! analyst actions allowed from each state.
//!
//! ```text
//!            confirm              reject
//!   new ───────────────► confirmed ─────► rejected
//!    │ ▲  reject            ▲  │             │
//!    │ └──── reopen ────────┼──┘◄── reopen ──┘
//!    │                      └───── confirm ──┘
//!    └── duplicate ──► duplicate ── reopen ──► new
//! ```
//!
//! `new` is where every group starts. `confirmed` lists the indicator as a confirmed
//! scam; `rejected` and `duplicate` take it off the blocklist (see
//! [`decide`](crate::decide)). An analyst can reverse a confirmation or a rejection
//! directly, and reopen any decided group.

use std::fmt;

/// The triage state of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Not reviewed yet.
    New,
    /// An analyst confirmed it is a scam.
    Confirmed,
    /// An analyst found it is not a scam.
    Rejected,
    /// Covered by another group (the same scam under another indicator).
    Duplicate,
}

impl State {
    /// Every state.
    pub const ALL: [State; 4] = [
        State::New,
        State::Confirmed,
        State::Rejected,
        State::Duplicate,
    ];

    /// The stable lowercase name used in storage and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            State::New => "new",
            State::Confirmed => "confirmed",
            State::Rejected => "rejected",
            State::Duplicate => "duplicate",
        }
    }

    /// Reads a name written by [`State::as_str`].
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an analyst does to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// It is a scam: list it as confirmed.
    Confirm,
    /// It is not a scam.
    Reject,
    /// It is the same scam as another group.
    Duplicate,
    /// Back to the queue.
    Reopen,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 4] = [
        Action::Confirm,
        Action::Reject,
        Action::Duplicate,
        Action::Reopen,
    ];

    /// The stable lowercase name used in JSON and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Reject => "reject",
            Action::Duplicate => "duplicate",
            Action::Reopen => "reopen",
        }
    }

    /// Reads a name written by [`Action::as_str`].
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// An action not allowed from the current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a group that is {}", .action.as_str(), .from.as_str())]
pub struct TransitionError {
    /// The state the group is in.
    pub from: State,
    /// The action refused.
    pub action: Action,
}

/// The state after `action`, or why it is not allowed.
pub fn transition(from: State, action: Action) -> Result<State, TransitionError> {
    use Action as A;
    use State as S;
    let to = match (from, action) {
        (S::New, A::Confirm) | (S::Rejected, A::Confirm) => S::Confirmed,
        (S::New, A::Reject) | (S::Confirmed, A::Reject) => S::Rejected,
        (S::New, A::Duplicate) => S::Duplicate,
        (S::Confirmed | S::Rejected | S::Duplicate, A::Reopen) => S::New,
        _ => return Err(TransitionError { from, action }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transition_table() {
        use Action as A;
        use State as S;
        // (from, action, expected): every pair is listed, so a change to the table
        // cannot go unnoticed.
        let table = [
            (S::New, A::Confirm, Some(S::Confirmed)),
            (S::New, A::Reject, Some(S::Rejected)),
            (S::New, A::Duplicate, Some(S::Duplicate)),
            (S::New, A::Reopen, None),
            (S::Confirmed, A::Confirm, None),
            (S::Confirmed, A::Reject, Some(S::Rejected)),
            (S::Confirmed, A::Duplicate, None),
            (S::Confirmed, A::Reopen, Some(S::New)),
            (S::Rejected, A::Confirm, Some(S::Confirmed)),
            (S::Rejected, A::Reject, None),
            (S::Rejected, A::Duplicate, None),
            (S::Rejected, A::Reopen, Some(S::New)),
            (S::Duplicate, A::Confirm, None),
            (S::Duplicate, A::Reject, None),
            (S::Duplicate, A::Duplicate, None),
            (S::Duplicate, A::Reopen, Some(S::New)),
        ];
        assert_eq!(table.len(), S::ALL.len() * A::ALL.len());
        for (from, action, want) in table {
            let got = transition(from, action);
            assert_eq!(got.ok(), want, "{from} + {}", action.as_str());
            if want.is_none() {
                let e = got.err().map(|e| e.to_string());
                assert_eq!(
                    e,
                    Some(format!("cannot {} a group that is {from}", action.as_str()))
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(a));
        }
        assert_eq!(State::parse("New"), None);
        assert_eq!(Action::parse("delete"), None);
    }
}
