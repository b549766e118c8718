//! Who asks: the use cases authorize here, so that the API, the console and the CLI
//! apply the same rules (a partner sees only its region, admin keys are made only by
//! an operator at the command line).

use std::net::IpAddr;

use indicator::Region;
use store::reports::Actor;
use store::{ApiKey, Role};

use crate::Error;

/// Whoever a use case acts for.
#[derive(Debug, Clone)]
pub enum Principal {
    /// An operator at the command line, who holds the database and the key file.
    Operator,
    /// The service's own background work (aging, auto-listing).
    System,
    /// A caller with a valid API key (the API or a console session).
    Key {
        /// The key.
        key: ApiKey,
        /// The client's address.
        ip: Option<IpAddr>,
    },
    /// Anyone, without a key (public pages, public reports).
    Public {
        /// The client's address.
        ip: Option<IpAddr>,
    },
}

impl Principal {
    /// A key's holder, from this address.
    pub fn key(key: ApiKey, ip: Option<IpAddr>) -> Principal {
        Principal::Key { key, ip }
    }

    /// The API key, if the caller has one.
    pub fn api_key(&self) -> Option<&ApiKey> {
        match self {
            Principal::Key { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The role, if the caller has a key.
    pub fn role(&self) -> Option<Role> {
        self.api_key().map(|k| k.role)
    }

    /// Who is written in the audit log.
    pub fn actor(&self) -> Actor {
        match self {
            Principal::Operator => Actor::cli(),
            Principal::System => Actor::system(),
            Principal::Key { key, ip } => Actor {
                key_id: Some(key.id),
                role: key.role.as_str().to_owned(),
                ip: ip.map(|ip| ip.to_string()),
            },
            Principal::Public { ip } => Actor {
                key_id: None,
                role: "public".into(),
                ip: ip.map(|ip| ip.to_string()),
            },
        }
    }

    /// Refuses unless the caller holds a key of one of `roles`. The operator may do
    /// everything a key may.
    pub fn require(&self, roles: &[Role]) -> Result<(), Error> {
        match self {
            Principal::Operator | Principal::System => Ok(()),
            Principal::Key { key, .. } if roles.contains(&key.role) => Ok(()),
            Principal::Key { key, .. } => {
                let allowed: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
                Err(Error::Forbidden(format!(
                    "this needs a key with role {}; yours is {}",
                    allowed.join(" or "),
                    key.role.as_str()
                )))
            }
            Principal::Public { .. } => Err(Error::Forbidden(
                "this needs an API key: send `Authorization: Bearer KEY`".into(),
            )),
        }
    }

    /// The region a partner is limited to; `None` for everyone else (who may see all).
    /// A partner key without a region sees nothing and is refused.
    pub fn region_limit(&self) -> Result<Option<Region>, Error> {
        match self {
            Principal::Key { key, .. } if key.role == Role::Partner => key
                .region
                .as_deref()
                .and_then(|r| Region::parse(r).ok())
                .map(Some)
                .ok_or_else(|| {
                    Error::Forbidden(
                        "this partner key has no region; ask an administrator for one".into(),
                    )
                }),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(role: Role, region: Option<&str>) -> Principal {
        Principal::key(
            ApiKey {
                id: 7,
                role,
                region: region.map(str::to_owned),
                label: None,
                created_at: 0,
                revoked_at: None,
            },
            "203.0.113.9".parse().ok(),
        )
    }

    #[test]
    fn roles_are_checked_and_the_operator_may_do_everything() {
        assert!(Principal::Operator.require(&[Role::Admin]).is_ok());
        assert!(key(Role::Admin, None).require(&[Role::Admin]).is_ok());
        assert!(matches!(
            key(Role::Analyst, None).require(&[Role::Admin]),
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            Principal::Public { ip: None }.require(&[Role::Analyst]),
            Err(Error::Forbidden(_))
        ));
    }

    #[test]
    fn only_partners_are_limited_to_a_region() {
        let hk = key(Role::Partner, Some("HK"))
            .region_limit()
            .expect("limit");
        assert_eq!(hk.map(|r| r.as_str().to_owned()), Some("HK".into()));
        assert!(
            key(Role::Analyst, Some("HK"))
                .region_limit()
                .expect("none")
                .is_none()
        );
        assert!(key(Role::Partner, None).region_limit().is_err());
    }

    #[test]
    fn the_audit_names_the_key_and_address() {
        let a = key(Role::Analyst, None).actor();
        assert_eq!(a.key_id, Some(7));
        assert_eq!(a.role, "analyst");
        assert_eq!(a.ip.as_deref(), Some("203.0.113.9"));
        assert_eq!(Principal::Operator.actor().role, "cli");
    }
}
