//! Streaming over JSON documents with serde visitors: list elements and map entries
//! reach a callback one at a time, never collected into a `Value` tree.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One element of a list of strings: the string, or `None` for another JSON type.
pub(crate) type Element<'a> = Option<&'a str>;

/// Calls `f(list, index, element)` for each element of the top-level object's arrays
/// named in `lists`; other members are skipped. A named member that is not an array
/// is an error.
pub(crate) fn string_lists(
    input: &[u8],
    lists: &[&'static str],
    f: &mut dyn FnMut(&'static str, usize, Element<'_>),
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(input);
    de.deserialize_map(ListsVisitor { lists, f })?;
    de.end()
}

/// Calls `f(key, index, element)` for each element of each array value of the
/// top-level object (`{"key": ["a", "b"]}`).
pub(crate) fn string_map(
    input: &[u8],
    f: &mut dyn FnMut(&str, usize, Element<'_>),
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(input);
    de.deserialize_map(MapVisitor { f })?;
    de.end()
}

/// Calls `f(index, object)` for each element of the top-level object's `objects` array
/// (a STIX bundle), each parsed alone; checks `"type": "bundle"` if present.
pub(crate) fn bundle_objects(
    input: &[u8],
    f: &mut dyn FnMut(usize, serde_json::Value),
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(input);
    de.deserialize_map(BundleVisitor { f })?;
    de.end()
}

struct ListsVisitor<'f, 'l> {
    lists: &'l [&'static str],
    f: &'f mut dyn FnMut(&'static str, usize, Element<'_>),
}

impl<'de> Visitor<'de> for ListsVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with the arrays {:?}", self.lists)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.lists.iter().find(|l| **l == key) {
                Some(list) => map.next_value_seed(SeqSeed {
                    f: &mut |i, e| (self.f)(list, i, e),
                })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct MapVisitor<'f> {
    f: &'f mut dyn FnMut(&str, usize, Element<'_>),
}

impl<'de> Visitor<'de> for MapVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object whose values are arrays of strings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            map.next_value_seed(SeqSeed {
                f: &mut |i, e| (self.f)(&key, i, e),
            })?;
        }
        Ok(())
    }
}

struct SeqSeed<'f> {
    f: &'f mut dyn FnMut(usize, Element<'_>),
}

impl<'de> DeserializeSeed<'de> for SeqSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SeqSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(element) = seq.next_element::<StrOrOther<'de>>()? {
            (self.f)(i, element.0.as_deref());
            i += 1;
        }
        Ok(())
    }
}

/// A string (borrowed when it has no escapes), or `None` for any other JSON value.
struct StrOrOther<'de>(Option<std::borrow::Cow<'de, str>>);

impl<'de> serde::Deserialize<'de> for StrOrOther<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrOrOtherVisitor)
    }
}

struct StrOrOtherVisitor;

impl<'de> Visitor<'de> for StrOrOtherVisitor {
    type Value = StrOrOther<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(StrOrOther(Some(std::borrow::Cow::Borrowed(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(StrOrOther(Some(std::borrow::Cow::Owned(v.to_owned()))))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(StrOrOther(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(StrOrOther(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(StrOrOther(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(StrOrOther(None))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(StrOrOther(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(StrOrOther(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(StrOrOther(None))
    }
}

struct BundleVisitor<'f> {
    f: &'f mut dyn FnMut(usize, serde_json::Value),
}

impl<'de> Visitor<'de> for BundleVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a STIX bundle object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "objects" => map.next_value_seed(ObjectsSeed { f: self.f })?,
                "type" => {
                    let t: std::borrow::Cow<'de, str> = map.next_value()?;
                    if t != "bundle" {
                        return Err(serde::de::Error::custom(format!(
                            "the top-level `type` is {t:?}, not \"bundle\""
                        )));
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ObjectsSeed<'f> {
    f: &'f mut dyn FnMut(usize, serde_json::Value),
}

impl<'de> DeserializeSeed<'de> for ObjectsSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ObjectsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of STIX objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(object) = seq.next_element::<serde_json::Value>()? {
            (self.f)(i, object);
            i += 1;
        }
        Ok(())
    }
}

/// Appends `s` as a JSON string, escaped as `serde_json` escapes it: `"`, `\` and
/// control characters; everything else (non-ASCII too) as is. Rendering straight into
/// bytes skips the `Value` tree a page of 10,000 objects would otherwise build.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if short.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0x0f)]);
        } else {
            out.extend_from_slice(short);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_strings_are_escaped_as_serde_json_escapes_them() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            "",
            "plain",
            "a\"b\\c/d",
            &ascii,
            "é投資😀\u{2028}\u{fffd}",
            "\u{0}\u{1f}\u{7f}",
        ] {
            let mut out = Vec::new();
            write_str(&mut out, s);
            assert_eq!(
                String::from_utf8(out).expect("utf-8"),
                serde_json::to_string(s).expect("json"),
                "{s:?}"
            );
        }
    }
}
