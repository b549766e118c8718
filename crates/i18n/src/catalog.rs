//! The parsed catalogues and message formatting.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::{LanguageIdentifier, langid};

use crate::Locale;

/// One catalogue file: its path under `locales/` (for error messages) and its text.
pub(crate) type Source = (&'static str, &'static str);

/// Embeds `locales/<locale>/<area>.ftl`.
macro_rules! ftl {
    ($locale:literal, $area:literal) => {
        (
            concat!($locale, "/", $area, ".ftl"),
            include_str!(concat!("../locales/", $locale, "/", $area, ".ftl")),
        )
    };
}

/// The embedded catalogue files, indexed like [`Locale::ALL`].
pub(crate) const SOURCES: [&[Source]; 3] = [
    &[
        ftl!("en", "verify"),
        ftl!("en", "errors"),
        ftl!("en", "ui"),
        ftl!("en", "analyze"),
        ftl!("en", "reports"),
        ftl!("en", "campaign"),
        ftl!("en", "pages"),
        ftl!("en", "console"),
        ftl!("en", "console-campaigns"),
        ftl!("en", "friction"),
    ],
    &[
        ftl!("zh-Hant", "verify"),
        ftl!("zh-Hant", "errors"),
        ftl!("zh-Hant", "ui"),
        ftl!("zh-Hant", "analyze"),
        ftl!("zh-Hant", "reports"),
        ftl!("zh-Hant", "campaign"),
        ftl!("zh-Hant", "pages"),
        ftl!("zh-Hant", "console"),
        ftl!("zh-Hant", "console-campaigns"),
        ftl!("zh-Hant", "friction"),
    ],
    &[
        ftl!("zh-Hans", "verify"),
        ftl!("zh-Hans", "errors"),
        ftl!("zh-Hans", "ui"),
        ftl!("zh-Hans", "analyze"),
        ftl!("zh-Hans", "reports"),
        ftl!("zh-Hans", "campaign"),
        ftl!("zh-Hans", "pages"),
        ftl!("zh-Hans", "console"),
        ftl!("zh-Hans", "console-campaigns"),
        ftl!("zh-Hans", "friction"),
    ],
];

/// A value for a message variable (`$name` in a Fluent message).
///
/// Numbers select plural forms (`{ $count -> [one] … *[other] … }`); text is inserted
/// as is (already localized by the caller where it is itself a message, as `$kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arg<'a> {
    /// Text.
    Str(&'a str),
    /// An integer.
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Str(value)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(value: &'a String) -> Self {
        Arg::Str(value)
    }
}

impl From<i64> for Arg<'_> {
    fn from(value: i64) -> Self {
        Arg::Num(value)
    }
}

impl From<i32> for Arg<'_> {
    fn from(value: i32) -> Self {
        Arg::Num(value.into())
    }
}

impl From<u32> for Arg<'_> {
    fn from(value: u32) -> Self {
        Arg::Num(value.into())
    }
}

impl From<u64> for Arg<'_> {
    /// Saturates at `i64::MAX`.
    fn from(value: u64) -> Self {
        Arg::Num(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg<'_> {
    /// Saturates at `i64::MAX`.
    fn from(value: usize) -> Self {
        Arg::Num(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl<'a> From<Arg<'a>> for FluentValue<'a> {
    fn from(arg: Arg<'a>) -> Self {
        match arg {
            Arg::Str(text) => FluentValue::from(text),
            Arg::Num(number) => FluentValue::from(number),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

/// A piece of a precompiled message.
#[derive(Debug)]
enum Node {
    /// Literal text.
    Text(&'static str),
    /// The value of the variable of that name.
    Var(&'static str),
    /// `{ $var -> [key] … *[default] … }`.
    Select {
        var: &'static str,
        variants: Box<[Variant]>,
        /// Index of the default (`*`) variant.
        default: usize,
    },
}

/// One branch of a [`Node::Select`].
#[derive(Debug)]
struct Variant {
    key: Key,
    value: Box<[Node]>,
}

/// The key of a [`Variant`].
#[derive(Debug)]
enum Key {
    /// A plural category (`one`, `other`…) for numbers, or a literal for text.
    Name(&'static str),
    /// An integer, matching that number exactly (`[0]`).
    Number(i64),
}

/// How a message is formatted.
#[derive(Debug)]
enum Compiled {
    /// Text, variables and plural selectors (every message so far): formatted directly,
    /// several times faster than the Fluent resolver, to the same text.
    Nodes(Box<[Node]>),
    /// Anything else (functions, references, escapes…): formatted by the Fluent bundle.
    Fluent,
}

/// The catalogue of one locale.
struct LocaleCatalog {
    bundle: Bundle,
    /// Cardinal plural rules, for selectors on numbers (`None`: every number is `other`).
    plurals: Option<PluralRules>,
    messages: HashMap<&'static str, Compiled>,
    /// The message ids, sorted.
    ids: Vec<&'static str>,
}

/// The message catalogues of every supported locale, parsed once.
///
/// Cheap to share: it is `Send + Sync`, and [`Catalog::global`] gives the one built
/// from the embedded files.
pub struct Catalog {
    /// Indexed like [`Locale::ALL`].
    locales: [LocaleCatalog; 3],
    /// Syntax errors and duplicate ids met while loading (empty for the embedded files:
    /// the tests see to it). Loading never fails: a broken entry is skipped.
    problems: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("messages", &self.locales.each_ref().map(|l| l.ids.len()))
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

static GLOBAL: LazyLock<Catalog> = LazyLock::new(|| Catalog::from_sources(SOURCES));

impl Catalog {
    /// The catalogue built from the embedded `.ftl` files, parsed on first use.
    pub fn global() -> &'static Catalog {
        &GLOBAL
    }

    /// Builds a catalogue from Fluent sources, indexed like [`Locale::ALL`]. Never
    /// fails: syntax errors and duplicate ids are recorded in `problems` and the entries
    /// concerned skipped (the first of duplicates is kept).
    pub(crate) fn from_sources(sources: [&[Source]; 3]) -> Catalog {
        let mut problems = Vec::new();
        let locales = Locale::ALL.map(|locale| {
            let mut bundle = Bundle::new_concurrent(vec![langid(locale)]);
            // Output goes to JSON and HTML: no Unicode bidi isolation marks.
            bundle.set_use_isolating(false);
            let mut messages = HashMap::new();
            for &(name, text) in sources[locale.index()] {
                // The bundle needs an owned resource; the precompiled messages borrow
                // from the static text, so it is parsed a second time for them.
                let resource = match FluentResource::try_new(text.to_owned()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        problems.extend(errors.iter().map(|e| format!("{name}: {e}")));
                        resource
                    }
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    problems.extend(errors.iter().map(|e| format!("{name}: {e}")));
                }
                let ast = fluent_syntax::parser::parse_runtime(text).unwrap_or_else(|(ast, _)| ast);
                for entry in ast.body {
                    if let ast::Entry::Message(ast::Message {
                        id,
                        value: Some(pattern),
                        ..
                    }) = entry
                    {
                        messages.entry(id.name).or_insert_with(|| compile(&pattern));
                    }
                }
            }
            let mut ids: Vec<&'static str> = messages.keys().copied().collect();
            ids.sort_unstable();
            LocaleCatalog {
                bundle,
                plurals: plural_rules(locale),
                messages,
                ids,
            }
        });
        Catalog { locales, problems }
    }

    /// Formats the message `id` in `locale`, with its variables given by name.
    ///
    /// Falls back to English when `locale` lacks the message, and to `id` itself when
    /// English lacks it too. Never panics: a variable missing from `args` shows as
    /// `{$name}`; when a name is given twice, the last value wins.
    ///
    /// ```
    /// use i18n::{Catalog, Locale};
    /// let text = Catalog::global().message(
    ///     Locale::En,
    ///     "reason-reported",
    ///     &[
    ///         ("count", 3.into()),
    ///         ("severity", "confirmed".into()),
    ///         ("first_seen", "2025-01-02".into()),
    ///         ("last_seen", "2025-03-04".into()),
    ///     ],
    /// );
    /// assert!(text.starts_with("Reported 3 times as a scam (confirmed)."));
    /// ```
    pub fn message(&self, locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(locale, id, args, &mut Vec::new())
    }

    /// [`Catalog::message`], also collecting formatting problems (a missing variable…).
    pub(crate) fn format(
        &self,
        locale: Locale,
        id: &str,
        args: &[(&str, Arg<'_>)],
        errors: &mut Vec<String>,
    ) -> String {
        let found = [locale, Locale::En].into_iter().find_map(|locale| {
            let catalog = &self.locales[locale.index()];
            catalog
                .messages
                .get(id)
                .map(|compiled| (locale, catalog, compiled))
        });
        match found {
            None => id.to_owned(),
            Some((_, catalog, Compiled::Nodes(nodes))) => {
                let context = Context {
                    args,
                    plurals: catalog.plurals.as_ref(),
                };
                let mut out = String::with_capacity(context.estimate(nodes));
                context.write(&mut out, nodes, errors);
                out
            }
            Some((locale, _, Compiled::Fluent)) => self.format_fluent(locale, id, args, errors),
        }
    }

    /// Formats the message `id` of `locale` with the Fluent resolver (`id` if absent).
    pub(crate) fn format_fluent(
        &self,
        locale: Locale,
        id: &str,
        args: &[(&str, Arg<'_>)],
        errors: &mut Vec<String>,
    ) -> String {
        let Some((bundle, pattern)) = self.pattern(locale, id) else {
            return id.to_owned();
        };
        let mut fluent_errors = Vec::new();
        let text = if args.is_empty() {
            bundle
                .format_pattern(pattern, None, &mut fluent_errors)
                .into_owned()
        } else {
            let mut fluent_args = FluentArgs::with_capacity(args.len());
            for &(name, arg) in args {
                fluent_args.set(name, arg);
            }
            bundle
                .format_pattern(pattern, Some(&fluent_args), &mut fluent_errors)
                .into_owned()
        };
        errors.extend(fluent_errors.iter().map(FluentError::to_string));
        text
    }

    /// The bundle of `locale` and the pattern of its message `id`, if it has one.
    pub(crate) fn pattern(
        &self,
        locale: Locale,
        id: &str,
    ) -> Option<(&Bundle, &ast::Pattern<&str>)> {
        let bundle = &self.locales[locale.index()].bundle;
        let pattern = bundle.get_message(id)?.value()?;
        Some((bundle, pattern))
    }

    /// Whether `locale` itself has the message `id` (without falling back to English).
    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.locales[locale.index()].messages.contains_key(id)
    }

    /// The ids of every message of `locale`, sorted.
    pub fn ids(&self, locale: Locale) -> Vec<String> {
        self.locales[locale.index()]
            .ids
            .iter()
            .map(|id| id.to_string())
            .collect()
    }

    /// Whether the message `id` of `locale` skips the Fluent resolver.
    #[cfg(test)]
    pub(crate) fn is_precompiled(&self, locale: Locale, id: &str) -> bool {
        matches!(
            self.locales[locale.index()].messages.get(id),
            Some(Compiled::Nodes(_))
        )
    }

    /// Problems met while loading (syntax errors, duplicate ids).
    #[cfg(test)]
    pub(crate) fn problems(&self) -> &[String] {
        &self.problems
    }
}

/// Precompiles a pattern, if it uses only text, variables and selectors on a variable.
fn compile(pattern: &ast::Pattern<&'static str>) -> Compiled {
    compile_pattern(pattern).map_or(Compiled::Fluent, Compiled::Nodes)
}

fn compile_pattern(pattern: &ast::Pattern<&'static str>) -> Option<Box<[Node]>> {
    pattern
        .elements
        .iter()
        .map(|element| match element {
            ast::PatternElement::TextElement { value } => Some(Node::Text(value)),
            ast::PatternElement::Placeable { expression } => compile_expression(expression),
        })
        .collect()
}

fn compile_expression(expression: &ast::Expression<&'static str>) -> Option<Node> {
    match expression {
        ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
            Some(Node::Var(id.name))
        }
        // `{", "}`: a literal, unless it holds escapes for Fluent to decode.
        ast::Expression::Inline(ast::InlineExpression::StringLiteral { value })
            if !value.contains('\\') =>
        {
            Some(Node::Text(value))
        }
        ast::Expression::Select {
            selector: ast::InlineExpression::VariableReference { id },
            variants,
        } => {
            let default = variants.iter().position(|variant| variant.default)?;
            let variants = variants
                .iter()
                .map(|variant| {
                    let key = match variant.key {
                        ast::VariantKey::Identifier { name } => Key::Name(name),
                        // Only plain integers: Fluent compares `[1.0]` with formatting.
                        ast::VariantKey::NumberLiteral { value } => {
                            Key::Number(value.parse().ok()?)
                        }
                    };
                    Some(Variant {
                        key,
                        value: compile_pattern(&variant.value)?,
                    })
                })
                .collect::<Option<_>>()?;
            Some(Node::Select {
                var: id.name,
                variants,
                default,
            })
        }
        _ => None,
    }
}

/// What formatting a precompiled message needs.
struct Context<'a, 'b> {
    args: &'a [(&'a str, Arg<'b>)],
    plurals: Option<&'a PluralRules>,
}

impl Context<'_, '_> {
    /// The value of a variable: the last one given for a name wins, as in `FluentArgs`.
    fn arg(&self, name: &str) -> Option<Arg<'_>> {
        self.args
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|&(_, arg)| arg)
    }

    /// A capacity for the output that is usually enough.
    fn estimate(&self, nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|node| match node {
                Node::Text(text) => text.len(),
                Node::Var(name) => match self.arg(name) {
                    Some(Arg::Str(text)) => text.len(),
                    Some(Arg::Num(_)) => 20,
                    None => name.len() + 3,
                },
                Node::Select { .. } => 32,
            })
            .sum()
    }

    /// Writes the nodes as the Fluent resolver would (without bidi isolation).
    fn write(&self, out: &mut String, nodes: &[Node], errors: &mut Vec<String>) {
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Var(name) => match self.arg(name) {
                    Some(Arg::Str(text)) => out.push_str(text),
                    Some(Arg::Num(number)) => {
                        let _ = write!(out, "{number}");
                    }
                    None => {
                        errors.push(format!("Unknown variable: ${name}"));
                        out.push_str("{$");
                        out.push_str(name);
                        out.push('}');
                    }
                },
                Node::Select {
                    var,
                    variants,
                    default,
                } => {
                    let chosen = match self.arg(var) {
                        Some(Arg::Num(number)) => {
                            let category = self.plural_category(number);
                            variants.iter().position(|variant| match variant.key {
                                Key::Number(key) => key == number,
                                Key::Name(name) => name == category,
                            })
                        }
                        Some(Arg::Str(text)) => variants.iter().position(
                            |variant| matches!(variant.key, Key::Name(name) if name == text),
                        ),
                        None => {
                            errors.push(format!("Unknown variable: ${var}"));
                            None
                        }
                    };
                    let index = chosen.unwrap_or(*default);
                    if let Some(variant) = variants.get(index) {
                        self.write(out, &variant.value, errors);
                    }
                }
            }
        }
    }

    /// The cardinal plural category of a number, named as in Fluent keys.
    fn plural_category(&self, number: i64) -> &'static str {
        let category = self
            .plurals
            .and_then(|rules| rules.select(number).ok())
            .unwrap_or(PluralCategory::OTHER);
        match category {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        }
    }
}

/// The cardinal plural rules of a locale's language (`zh` for both Chinese scripts).
fn plural_rules(locale: Locale) -> Option<PluralRules> {
    let language = LanguageIdentifier::from_parts(langid(locale).language, None, None, &[]);
    PluralRules::create(language, PluralRuleType::CARDINAL).ok()
}

/// The language identifier a bundle uses for plural rules.
fn langid(locale: Locale) -> LanguageIdentifier {
    match locale {
        Locale::En => langid!("en"),
        Locale::ZhHant => langid!("zh-Hant"),
        Locale::ZhHans => langid!("zh-Hans"),
    }
}
