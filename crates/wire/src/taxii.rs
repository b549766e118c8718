//! The JSON shapes of the TAXII 2.1 server (`/taxii2/`, OASIS TAXII 2.1 sections 4
//! and 5) and of signed retractions (`GET /v1/retractions`).

use serde::{Deserialize, Serialize};

/// `GET /taxii2/`: the discovery resource (TAXII 2.1 section 4.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiDiscovery {
    /// The server's name.
    pub title: String,
    /// What it serves.
    pub description: String,
    /// The default API root (a URL path).
    pub default: String,
    /// Every API root (URL paths).
    pub api_roots: Vec<String>,
}

/// `GET /taxii2/api/`: the API root resource (section 4.2.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiApiRoot {
    /// Its name.
    pub title: String,
    /// What it serves.
    pub description: String,
    /// `["application/taxii+json;version=2.1"]`.
    pub versions: Vec<String>,
    /// Largest request body accepted, bytes.
    pub max_content_length: u64,
}

/// One collection (section 5.2.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiCollection {
    /// A UUID.
    pub id: String,
    /// Its name ("all regions" or the region).
    pub title: String,
    /// What it holds.
    pub description: String,
    /// Always true.
    pub can_read: bool,
    /// Always false: the collections are read-only.
    pub can_write: bool,
    /// `["application/stix+json;version=2.1"]`.
    pub media_types: Vec<String>,
}

/// `GET /taxii2/api/collections/` (section 5.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiCollections {
    /// The collections the caller may read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<TaxiiCollection>,
}

/// `GET …/objects/`: the envelope (section 3.7). The server writes it straight into
/// bytes (`feeds::taxii::write_page`); its tests read pages back into this type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxiiEnvelope {
    /// Whether more objects follow (ask again with `next`).
    pub more: bool,
    /// The token of the next page, when `more`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// STIX 2.1 objects (indicators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<serde_json::Value>,
}

/// One manifest record (section 5.5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiManifestRecord {
    /// The object's id.
    pub id: String,
    /// When this version was added to the collection.
    pub date_added: String,
    /// The version: the object's `modified`.
    pub version: String,
    /// `application/stix+json;version=2.1`.
    pub media_type: String,
}

/// `GET …/manifest/` (section 5.5.1), written like [`TaxiiEnvelope`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiManifest {
    /// Whether more records follow.
    pub more: bool,
    /// The token of the next page, when `more`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<TaxiiManifestRecord>,
}

/// A TAXII error message (section 3.6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxiiError {
    /// A short summary.
    pub title: String,
    /// What went wrong.
    pub description: String,
    /// The HTTP status, as a string.
    pub http_status: String,
}

/// One retraction: an indicator antiscam listed and then removed. Its canonical
/// bytes ([`Retraction::canonical_bytes`]) are what the signature covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Retraction {
    /// Position in the feed log: retractions are numbered in order.
    pub seq: i64,
    /// The indicator key, `"<kind>:<normalized>"`.
    pub key: String,
    /// The STIX indicator id the listing was shared under (TAXII, STIX export).
    pub stix_id: String,
    /// Why: `delisted` (an analyst), `dispute_upheld`, `listing_rule` (triage or
    /// expiry), `removed` (an operator).
    pub reason: String,
    /// When, RFC 3339 with microseconds.
    pub retracted_at: String,
}

impl Retraction {
    /// The signed bytes: this object as JSON with its keys sorted and no spaces.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // `serde_json::Value` keeps object keys sorted; compact output.
        serde_json::to_value(self)
            .map(|v| v.to_string().into_bytes())
            .unwrap_or_default()
    }
}

/// A retraction with its Ed25519 signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedRetraction {
    /// What is retracted.
    pub retraction: Retraction,
    /// Ed25519 signature of [`Retraction::canonical_bytes`], 128 hex digits.
    pub signature: String,
}

/// `GET /v1/retractions?since=&after=`: a page of signed retractions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RetractionList {
    /// The public key that verifies the signatures (hex; also at
    /// `/.well-known/antiscam/retractions-key`).
    pub public_key: String,
    /// Oldest first.
    pub retractions: Vec<SignedRetraction>,
    /// Ask again with `after=<this>` for more, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_bytes_sort_keys_without_spaces() {
        let r = Retraction {
            seq: 7,
            key: "domain:evil.io".into(),
            stix_id: "indicator--x".into(),
            reason: "dispute_upheld".into(),
            retracted_at: "2024-05-01T12:00:00.000000Z".into(),
        };
        assert_eq!(
            String::from_utf8(r.canonical_bytes()).expect("utf-8"),
            r#"{"key":"domain:evil.io","reason":"dispute_upheld","retracted_at":"2024-05-01T12:00:00.000000Z","seq":7,"stix_id":"indicator--x"}"#
        );
    }
}
