//! Key/value metadata from front matter (TOML or YAML) and header blocks, in one shape.

use std::borrow::Cow;

use yaml_rust2::{Yaml, YamlLoader};

use crate::lines::lines;

/// A field's value: one piece of text or a list of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one string (lists joined with ", ").
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Value::Text(text) => Cow::Borrowed(text),
            Value::List(items) => Cow::Owned(items.join(", ")),
        }
    }

    /// The value as a list; text is split on commas and semicolons.
    pub fn list(&self) -> Vec<String> {
        match self {
            Value::Text(text) => text
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            Value::List(items) => items.clone(),
        }
    }
}

/// Metadata fields by lower-case key, in the order written. Front matter has a handful
/// of keys, so a list searched in order beats a hash map.
#[derive(Debug, Default, Clone)]
pub struct Fields(Vec<(String, Value)>);

/// The same fields with the same values, in whatever order.
impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Fields {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The first of `keys` that is present with a non-empty value.
    pub fn first(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter()
            .filter_map(|key| self.get(key))
            .find(|value| match value {
                Value::Text(text) => !text.trim().is_empty(),
                Value::List(items) => !items.is_empty(),
            })
    }

    /// Adds a field; a key seen before keeps its first value.
    pub fn insert(&mut self, key: &str, value: Value) {
        let key = key.trim().to_lowercase();
        if self.get(&key).is_none() {
            self.0.push((key, value));
        }
    }

    /// Sets a field; a key seen before takes the new value, as in TOML and YAML.
    fn set(&mut self, key: String, value: Value) {
        match self.get_mut(&key) {
            Some(old) => *old = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads TOML front matter. `None` when it does not parse.
///
/// Front matter is nearly always flat `key = value` lines; those are read directly,
/// and anything richer goes to the real TOML parser.
pub fn from_toml(source: &str) -> Option<Fields> {
    if let Some(fields) = simple_block(source, Syntax::Toml) {
        return Some(fields);
    }
    let table: toml::Table = source.parse().ok()?;
    let mut fields = Fields::default();
    for (key, value) in &table {
        if let Some(value) = toml_value(value) {
            fields.insert(key, value);
        }
    }
    // Zola keeps tags and categories in a `[taxonomies]` table.
    if let Some(toml::Value::Table(taxonomies)) = table.get("taxonomies") {
        for (key, value) in taxonomies {
            if let Some(value) = toml_value(value) {
                fields.insert(key, value);
            }
        }
    }
    Some(fields)
}

fn toml_value(value: &toml::Value) -> Option<Value> {
    Some(match value {
        toml::Value::String(s) => Value::Text(s.clone()),
        toml::Value::Datetime(dt) => Value::Text(dt.to_string()),
        toml::Value::Integer(i) => Value::Text(i.to_string()),
        toml::Value::Float(f) => Value::Text(f.to_string()),
        toml::Value::Boolean(b) => Value::Text(b.to_string()),
        toml::Value::Array(items) => Value::List(
            items
                .iter()
                .filter_map(toml_value)
                .map(|v| v.text().into_owned())
                .collect(),
        ),
        // An author written as a table: `[author] name = "…"`.
        toml::Value::Table(table) => Value::Text(table.get("name")?.as_str()?.to_owned()),
    })
}

/// Reads YAML front matter. Falls back to reading `key: value` lines when the YAML does
/// not parse, so a stray colon in a title does not lose the whole block.
pub fn from_yaml(source: &str) -> Fields {
    if let Some(fields) = simple_block(source, Syntax::Yaml) {
        return fields;
    }
    if let Ok(documents) = YamlLoader::load_from_str(source)
        && let Some(Yaml::Hash(hash)) = documents.first()
    {
        let mut fields = Fields::default();
        for (key, value) in hash {
            if let (Some(key), Some(value)) = (yaml_scalar(key), yaml_value(value)) {
                fields.insert(&key, value);
            }
        }
        return fields;
    }
    from_lines(lines(source), Quotes::Strip).unwrap_or_default()
}

fn yaml_scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_value(value: &Yaml) -> Option<Value> {
    match value {
        Yaml::Array(items) => Some(Value::List(
            items
                .iter()
                .filter_map(yaml_value)
                .map(|v| v.text().into_owned())
                .collect(),
        )),
        Yaml::Hash(hash) => hash
            .get(&Yaml::String("name".into()))
            .and_then(yaml_scalar)
            .map(Value::Text),
        other => yaml_scalar(other).map(Value::Text),
    }
}

/// The two front matter languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Toml,
    Yaml,
}

/// Reads front matter written in the flat subset both languages share in practice:
/// `key = value` (TOML) or `key: value` (YAML) lines whose values are plain words,
/// quoted strings without escapes, one-line lists, or (YAML) `- item` lines. Returns
/// `None` for anything else, so the real parser sees every harder case.
fn simple_block(source: &str, syntax: Syntax) -> Option<Fields> {
    let mut fields = Fields::default();
    let mut list_key: Option<String> = None;
    for line in lines(source) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let is_item = trimmed.starts_with("- ") || trimmed == "-";
        // An indented `key: value` belongs to a nested mapping (`author:` then
        // `  name: …`): the real parser reads those.
        if syntax == Syntax::Yaml && !is_item && line.starts_with([' ', '\t']) {
            return None;
        }
        if syntax == Syntax::Yaml
            && let Some(item) = trimmed.strip_prefix("- ")
        {
            let key = list_key.as_ref()?;
            let item = simple_scalar(item.trim(), syntax)?;
            match fields.get_mut(key) {
                Some(Value::List(items)) => items.push(item),
                _ => return None,
            }
            continue;
        }
        let separator = if syntax == Syntax::Toml { '=' } else { ':' };
        let (key, value) = trimmed.split_once(separator)?;
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return None;
        }
        let value = value.trim();
        list_key = None;
        let value = if value.is_empty() && syntax == Syntax::Yaml {
            list_key = Some(key.to_lowercase());
            Value::List(Vec::new())
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let items: Option<Vec<String>> = inner
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| simple_scalar(item, syntax))
                .collect();
            Value::List(items?)
        } else {
            Value::Text(simple_scalar(value, syntax)?)
        };
        fields.set(key.to_lowercase(), value);
    }
    Some(fields)
}

/// A quoted string without escapes, or a plain word run with nothing special in it.
fn simple_scalar(value: &str, syntax: Syntax) -> Option<String> {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            return (!inner.contains([quote, '\\'])).then(|| inner.to_owned());
        }
    }
    match syntax {
        // Bare TOML values are dates, numbers and booleans.
        Syntax::Toml => value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '+' | '.' | ' ' | '_'))
            .then(|| value.to_owned()),
        Syntax::Yaml => {
            let special_start =
                value.starts_with(['{', '[', '|', '>', '&', '*', '!', '%', '@', '`', '"', '\'']);
            let special_inside =
                value.contains(": ") || value.contains(" #") || value.ends_with(':');
            let null = matches!(value, "~" | "null" | "Null" | "NULL");
            (!special_start && !special_inside && !null).then(|| value.to_owned())
        }
    }
}

/// Whether quotes around a value are syntax (YAML, TOML) or part of the text (headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    Strip,
    Keep,
}

/// Reads `Key: value` lines (a header block, or front matter that did not parse).
///
/// Returns `None` unless every line is `key: value` with a short key of letters, and
/// at least one key is one folio knows: so a headline such as `Update: talks resume`
/// is not mistaken for a header.
pub fn from_lines<'a>(lines: impl Iterator<Item = &'a str>, quotes: Quotes) -> Option<Fields> {
    let strip = |value: &'a str| {
        if quotes == Quotes::Strip {
            unquote(value)
        } else {
            value
        }
    };
    let mut fields = Fields::default();
    let mut known = false;
    let mut last_key: Option<String> = None;
    for line in lines {
        let trimmed = line.trim();
        // Blank lines, and comments in front matter, say nothing.
        if trimmed.is_empty() || (quotes == Quotes::Strip && trimmed.starts_with('#')) {
            continue;
        }
        // A YAML block list item continues the previous key.
        if let (Some(item), Some(key)) = (trimmed.strip_prefix("- "), &last_key) {
            fields.insert(key, Value::List(Vec::new()));
            let Some(entry) = fields.get_mut(key) else {
                continue;
            };
            if let Value::Text(text) = entry {
                *entry = if text.is_empty() {
                    Value::List(Vec::new())
                } else {
                    Value::List(vec![text.clone()])
                };
            }
            if let Value::List(items) = entry {
                items.push(strip(item).to_owned());
            }
            continue;
        }
        let Some((key, value)) = trimmed
            .split_once(':')
            .map(|(key, value)| (key.trim().to_lowercase(), value))
            .filter(|(key, _)| is_field_key(key))
        else {
            // An indented line that is not a field of its own continues the value
            // above it (a folded header, or a YAML plain scalar over two lines).
            if line.starts_with([' ', '\t'])
                && let Some(Value::Text(text)) = last_key.as_ref().and_then(|k| fields.get_mut(k))
            {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(strip(trimmed));
                continue;
            }
            return None;
        };
        known |= KNOWN_KEYS.contains(&key.as_str());
        let value = value.trim();
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) => Value::List(
                inner
                    .split(',')
                    .map(|item| strip(item.trim()).to_owned())
                    .filter(|item| !item.is_empty())
                    .collect(),
            ),
            None => Value::Text(strip(value).to_owned()),
        };
        fields.insert(&key, value);
        last_key = Some(key);
    }
    known.then_some(fields)
}

/// A short key of letters (spaces, `-` and `_` allowed), already lower-cased.
fn is_field_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 24
        && key
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '_' | ' '))
}

/// Keys that mark a block of `key: value` lines as article metadata.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "headline",
    "date",
    "published",
    "updated",
    "source",
    "publication",
    "publisher",
    "author",
    "authors",
    "by",
    "byline",
    "tags",
    "keywords",
    "categories",
    "url",
    "link",
    "description",
    "summary",
    "slug",
    "path",
];

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_scalars_lists_and_dates() {
        let fields = from_toml(
            "title = \"A \\\"quoted\\\" title\"\ndate = 2024-11-21\ntags = [\"a\", \"b\"]\nauthors = [\"X\", \"Y\"]",
        )
        .unwrap();
        assert_eq!(
            fields.get("title"),
            Some(&Value::Text("A \"quoted\" title".into()))
        );
        assert_eq!(fields.get("date").unwrap().text(), "2024-11-21");
        assert_eq!(fields.get("tags").unwrap().list(), ["a", "b"]);
        assert_eq!(fields.get("authors").unwrap().text(), "X, Y");
    }

    #[test]
    fn simple_and_full_parsers_agree() {
        let toml = "title = \"Rail: a é story\"\ndate = 2024-11-21\ntags = [\"a\", \"b\"]\nauthors = [\"X\"]\n";
        let plain = "title = \"Rail: a story\"\ndate = 2024-11-21T08:07:00+08:00\ntags = [\"a\", \"b\"]\nauthor = \"X\"\n";
        for source in [toml, plain] {
            let table: toml::Table = source.parse().unwrap();
            let mut full = Fields::default();
            for (key, value) in &table {
                full.insert(key, toml_value(value).unwrap());
            }
            assert_eq!(from_toml(source).unwrap(), full, "{source}");
        }
        let yaml = "title: \"A: b\"\ndate: 2024-11-21T08:07:00Z\nsource: The Courier\ntags: [x, y]\nkeywords:\n  - one\n  - 'two'\n";
        let parsed = YamlLoader::load_from_str(yaml).unwrap();
        let Yaml::Hash(hash) = &parsed[0] else {
            panic!("a mapping")
        };
        let mut full = Fields::default();
        for (key, value) in hash {
            full.insert(&yaml_scalar(key).unwrap(), yaml_value(value).unwrap());
        }
        assert_eq!(from_yaml(yaml), full);
    }

    #[test]
    fn escapes_go_to_the_real_parsers() {
        assert_eq!(simple_block("title = \"a \\\"b\\\"\"", Syntax::Toml), None);
        assert_eq!(
            from_toml("title = \"a \\\"b\\\"\"")
                .unwrap()
                .get("title")
                .unwrap()
                .text(),
            "a \"b\""
        );
        assert_eq!(simple_block("title: |\n  folded", Syntax::Yaml), None);
        assert_eq!(
            from_yaml("title: \"caf\\u00e9\"")
                .get("title")
                .unwrap()
                .text(),
            "café"
        );
    }

    #[test]
    fn zola_taxonomies_give_tags() {
        let fields = from_toml(
            "title = \"Z\"\ndate = 2024-02-03\n[taxonomies]\ntags = [\"rust\", \"cli\"]\n",
        )
        .unwrap();
        assert_eq!(fields.get("tags").unwrap().list(), ["rust", "cli"]);
        assert_eq!(fields.get("title").unwrap().text(), "Z");
    }

    #[test]
    fn nested_yaml_mappings_go_to_the_real_parser() {
        let source =
            "title: Map\nauthor:\n  name: Kim Lee\n  email: kim@example.com\ndate: 2024-01-05\n";
        assert_eq!(simple_block(source, Syntax::Yaml), None);
        let fields = from_yaml(source);
        assert_eq!(fields.get("author").unwrap().text(), "Kim Lee");
        assert_eq!(fields.get("date").unwrap().text(), "2024-01-05");
        assert_eq!(fields.get("email"), None);
    }

    #[test]
    fn bad_toml_is_none() {
        assert_eq!(from_toml("title = \"unclosed"), None);
    }

    #[test]
    fn yaml_inline_and_block_lists() {
        let inline = from_yaml("title: \"T\"\ndate: 2024-11-21T08:07:00Z\ntags: [x, y]\n");
        assert_eq!(inline.get("tags").unwrap().list(), ["x", "y"]);
        assert_eq!(inline.get("date").unwrap().text(), "2024-11-21T08:07:00Z");
        let block = from_yaml("Title: T\nTags:\n  - x\n  - \"y z\"\n");
        assert_eq!(block.get("tags").unwrap().list(), ["x", "y z"]);
        assert_eq!(block.get("title").unwrap().text(), "T");
    }

    #[test]
    fn broken_yaml_falls_back_to_lines() {
        let fields = from_yaml("title: Markets: a wild week\ndate: 2024-11-21\ntags: [a, b\n");
        assert_eq!(fields.get("title").unwrap().text(), "Markets: a wild week");
        assert_eq!(fields.get("date").unwrap().text(), "2024-11-21");
    }

    #[test]
    fn broken_yaml_with_blank_lines_and_comments_falls_back_to_lines() {
        let fields =
            from_yaml("title: Markets: a wild week\n\n# written in haste\ndate: 2024-11-21\n");
        assert_eq!(fields.get("title").unwrap().text(), "Markets: a wild week");
        assert_eq!(fields.get("date").unwrap().text(), "2024-11-21");
    }

    #[test]
    fn folded_header_lines_continue_the_value() {
        let lines = [
            "Title: Ferry operator and unions agree",
            "  a new timetable for winter",
            "Tags: ferries,",
            "\tunions",
            "Date: 2024-11-21",
        ];
        let fields = from_lines(lines.into_iter(), Quotes::Keep).unwrap();
        assert_eq!(
            fields.get("title").unwrap().text(),
            "Ferry operator and unions agree a new timetable for winter"
        );
        assert_eq!(fields.get("tags").unwrap().list(), ["ferries", "unions"]);
        assert!(from_lines(["  Title: x", "Date: 2024-11-21"].into_iter(), Quotes::Keep).is_some());
        assert!(from_lines(["  indented first", "Title: x"].into_iter(), Quotes::Keep).is_none());
    }

    #[test]
    fn header_lines_need_a_known_key() {
        assert!(from_lines(["Update: talks resume"].into_iter(), Quotes::Keep).is_none());
        assert!(from_lines(["Title: x", "not a header line"].into_iter(), Quotes::Keep).is_none());
        let fields = from_lines(["TITLE: 'x'", "tags: a, b; c"].into_iter(), Quotes::Keep).unwrap();
        assert_eq!(fields.get("tags").unwrap().list(), ["a", "b", "c"]);
        assert_eq!(fields.get("title").unwrap().text(), "'x'");
    }
}
