//! Key/value metadata from front matter (TOML or YAML) and header blocks, in one shape.

use std::collections::HashMap;

use yaml_rust2::{Yaml, YamlLoader};

/// A field's value: one piece of text or a list of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one string (lists joined with ", ").
    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::List(items) => items.join(", "),
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

/// Metadata fields by lower-case key.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fields(HashMap<String, Value>);

impl Fields {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The first of `keys` that is present with a non-empty value.
    pub fn first(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter().filter_map(|key| self.0.get(*key)).find(|value| match value {
            Value::Text(text) => !text.trim().is_empty(),
            Value::List(items) => !items.is_empty(),
        })
    }

    pub fn insert(&mut self, key: &str, value: Value) {
        self.0.entry(key.trim().to_lowercase()).or_insert(value);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads TOML front matter. `None` when it does not parse.
pub fn from_toml(source: &str) -> Option<Fields> {
    let table: toml::Table = source.parse().ok()?;
    let mut fields = Fields::default();
    for (key, value) in &table {
        if let Some(value) = toml_value(value) {
            fields.insert(key, value);
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
            items.iter().filter_map(toml_value).map(|v| v.text()).collect(),
        ),
        // An author written as a table: `[author] name = "…"`.
        toml::Value::Table(table) => Value::Text(table.get("name")?.as_str()?.to_owned()),
    })
}

/// Reads YAML front matter. Falls back to reading `key: value` lines when the YAML does
/// not parse, so a stray colon in a title does not lose the whole block.
pub fn from_yaml(source: &str) -> Fields {
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
    from_lines(source.lines()).unwrap_or_default()
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
            items.iter().filter_map(yaml_value).map(|v| v.text()).collect(),
        )),
        Yaml::Hash(hash) => hash
            .get(&Yaml::String("name".into()))
            .and_then(yaml_scalar)
            .map(Value::Text),
        other => yaml_scalar(other).map(Value::Text),
    }
}

/// Reads `Key: value` lines (a header block, or YAML that did not parse).
///
/// Returns `None` unless every line is `key: value` with a short key of letters, and
/// at least one key is one folio knows: so a headline such as `Update: talks resume`
/// is not mistaken for a header.
pub fn from_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Option<Fields> {
    let mut fields = Fields::default();
    let mut known = false;
    let mut last_key: Option<String> = None;
    for line in lines {
        let trimmed = line.trim();
        // A YAML block list item continues the previous key.
        if let (Some(item), Some(key)) = (trimmed.strip_prefix("- "), &last_key) {
            let entry = fields.0.entry(key.clone()).or_insert(Value::List(Vec::new()));
            if let Value::Text(text) = entry {
                *entry = if text.is_empty() {
                    Value::List(Vec::new())
                } else {
                    Value::List(vec![text.clone()])
                };
            }
            if let Value::List(items) = entry {
                items.push(unquote(item).to_owned());
            }
            continue;
        }
        let (key, value) = trimmed.split_once(':')?;
        let key = key.trim().to_lowercase();
        if key.is_empty()
            || key.len() > 24
            || !key.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '_' | ' '))
        {
            return None;
        }
        known |= KNOWN_KEYS.contains(&key.as_str());
        let value = value.trim();
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) => Value::List(
                inner
                    .split(',')
                    .map(|item| unquote(item.trim()).to_owned())
                    .filter(|item| !item.is_empty())
                    .collect(),
            ),
            None => Value::Text(unquote(value).to_owned()),
        };
        fields.insert(&key, value);
        last_key = Some(key);
    }
    known.then_some(fields)
}

/// Keys that mark a block of `key: value` lines as article metadata.
const KNOWN_KEYS: &[&str] = &[
    "title", "headline", "date", "published", "updated", "source", "publication", "publisher",
    "author", "authors", "by", "byline", "tags", "keywords", "categories", "url", "link",
    "description", "summary", "slug", "path",
];

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
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
        assert_eq!(fields.get("title"), Some(&Value::Text("A \"quoted\" title".into())));
        assert_eq!(fields.get("date").unwrap().text(), "2024-11-21");
        assert_eq!(fields.get("tags").unwrap().list(), ["a", "b"]);
        assert_eq!(fields.get("authors").unwrap().text(), "X, Y");
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
    fn header_lines_need_a_known_key() {
        assert!(from_lines(["Update: talks resume"].into_iter()).is_none());
        assert!(from_lines(["Title: x", "not a header line"].into_iter()).is_none());
        let fields = from_lines(["TITLE: x", "tags: a, b; c"].into_iter()).unwrap();
        assert_eq!(fields.get("tags").unwrap().list(), ["a", "b", "c"]);
    }
}
