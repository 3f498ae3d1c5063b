//! A page made lean before it is parsed, in one pass over its bytes:
//!
//! - without the bodies of its scripts and styles: on saved news pages they are most of
//!   the bytes (a few hundred KB of code around a few KB of article), and the HTML parser
//!   would otherwise read every one of them. Nothing of a script or style is text a
//!   reader sees, and the parse of what is left is the same (tested against the parse of
//!   the whole page);
//! - without the tags of elements nested more than [`MAX_NESTING`] deep (their text
//!   stays): html5ever's time grows with the square of the nesting, so a hostile page of
//!   ten megabytes of `<div>` would hold a scan thread for hours. No real page comes near.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::charset::find_ignoring_case;

/// How deep elements may nest before their tags are dropped. Real pages stay under a
/// hundred; at this depth html5ever's cost is still nothing.
pub const MAX_NESTING: usize = 512;

/// `html` with the text inside each `<script>` and `<style>` element taken out (the tags
/// stay), and the tags nested deeper than [`MAX_NESTING`] taken out (their text stays).
/// Kept whole: JSON-LD scripts (the page's metadata), and any script or style whose text
/// holds `<!--`, where the HTML parser's own rules for where it ends differ from the
/// first `</script`. Comments are passed over as they are.
pub fn without_code(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    // Everything before `copied` is in `out` already (or taken out).
    let mut copied = 0;
    let mut at = 0;
    // Elements open here, counting only those that must be closed by a tag.
    let mut depth = 0usize;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            at = memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |end| lt + 4 + end + 3);
            continue;
        }
        let Some(name) = [&b"script"[..], b"style"]
            .into_iter()
            .find(|name| opens(rest, name))
        else {
            if let Some(end) = nesting_tag(bytes, lt, &mut depth) {
                out.push_str(&html[copied..lt]);
                copied = end;
                at = end;
            } else {
                at = lt + 1;
            }
            continue;
        };
        let Some(body_start) = memchr(b'>', rest).map(|gt| lt + 1 + gt + 1) else {
            break;
        };
        let Some(body_end) = find_close(&bytes[body_start..], name).map(|end| body_start + end)
        else {
            break;
        };
        let tag = &bytes[lt..body_start];
        let body = &bytes[body_start..body_end];
        let keep =
            find_ignoring_case(tag, b"ld+json").is_some() || memmem::find(body, b"<!--").is_some();
        if !keep && !body.is_empty() {
            out.push_str(&html[copied..body_start]);
            copied = body_end;
        }
        at = body_end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Follows the nesting at the tag that starts at `lt`; where the tag is deeper than
/// [`MAX_NESTING`], the end of the tag, for the caller to drop it.
fn nesting_tag(bytes: &[u8], lt: usize, depth: &mut usize) -> Option<usize> {
    let rest = &bytes[lt + 1..];
    let (closing, name_at) = match rest.first() {
        Some(b'/') => (true, 1),
        _ => (false, 0),
    };
    let name_len = rest[name_at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .count();
    let name = &rest[name_at..name_at + name_len];
    if name.is_empty() || !name[0].is_ascii_alphabetic() || ends_itself(name) {
        return None;
    }
    let too_deep = if closing {
        let deep = *depth > MAX_NESTING;
        *depth = depth.saturating_sub(1);
        deep
    } else {
        let gt = memchr(b'>', rest)?;
        if rest[gt.saturating_sub(1)] == b'/' {
            return None; // `<path … />`: opens nothing.
        }
        *depth += 1;
        *depth > MAX_NESTING
    };
    too_deep.then(|| memchr(b'>', rest).map_or(bytes.len(), |gt| lt + 1 + gt + 1))
}

/// Elements that never hold others (`br`, `img`) or whose end tag may be left out (`p`,
/// `li`, `td`): pages leave thousands of them unclosed, so they are not counted.
fn ends_itself(name: &[u8]) -> bool {
    const NAMES: [&str; 33] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "p", "li", "dt", "dd",
        "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup", "rp", "rt", "colgroup",
    ];
    NAMES
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// Whether `rest` (the bytes after a `<`) opens a `name` element: the name in any case,
/// then a space, `/` or `>`.
fn opens(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(
            rest[name.len()],
            b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
        )
}

/// Where the `</name` that ends an element's text starts in `body`.
fn find_close(body: &[u8], name: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = memmem::find(&body[at..], b"</").map(|i| at + i) {
        let rest = &body[i + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            return Some(i);
        }
        at = i + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn scripts_and_styles_lose_their_text_and_keep_their_tags() {
        let page = "<head><STYLE>p{color:red}</STYLE><script src=x.js></script>\
                    <script type=\"text/javascript\">var a = '<p>';</Script ></head><p>Hi</p>";
        assert_eq!(
            without_code(page),
            "<head><STYLE></STYLE><script src=x.js></script>\
             <script type=\"text/javascript\"></Script ></head><p>Hi</p>"
        );
    }

    #[test]
    fn json_ld_comments_and_lookalike_tags_are_kept() {
        for page in [
            "<script type=\"application/ld+json\">{\"datePublished\":\"2024-01-02\"}</script>",
            "<!-- <script> --><p>Seen</p><!-- </script> -->",
            "<!-- <script> --><p>Seen</p></script>",
            "<scripts>not a script</scripts><styles>x</styles>",
            "<script><!-- <script>x</script> --></script><p>after</p>",
            "<p>no code at all</p>",
        ] {
            assert_eq!(without_code(page), page);
        }
    }

    #[test]
    fn an_unclosed_script_is_left_to_the_parser() {
        let page = "<p>a</p><script>never closed";
        assert_eq!(without_code(page), page);
    }

    #[test]
    fn tags_nested_past_the_limit_are_dropped_and_their_text_kept() {
        let depth = MAX_NESTING + 300;
        let page = format!(
            "<body>{}deep text{}<p>after</p></body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let lean = without_code(&page);
        // `<body>` is one of the levels.
        assert_eq!(lean.matches("<div>").count(), MAX_NESTING - 1);
        assert_eq!(lean.matches("</div>").count(), MAX_NESTING - 1);
        assert_eq!(parsed(&lean).0, "deep textafter");
    }

    #[test]
    fn many_unclosed_or_self_closing_elements_are_not_nesting() {
        let page = format!(
            "<body><ul>{}</ul><svg>{}</svg>{}<table>{}</table></body>",
            "<li>item".repeat(2000),
            "<path d=\"M0 0\"/>".repeat(2000),
            "line<br>".repeat(2000),
            "<tr><td>cell".repeat(2000),
        );
        assert_eq!(without_code(&page), page);
    }

    /// The plain definition: what the parser finds in the page as it is.
    fn parsed(html: &str) -> (String, String) {
        let document = dom_query::Document::from(html);
        document.select("script:not([type*=json]), style").remove();
        (
            document.select("body").text().to_string(),
            document.select("head").html().to_string(),
        )
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z <>/!-]{0,12}".prop_map(|t| format!("<p>{t}</p>")),
            "[a-z<>/'\" -]{0,16}".prop_map(|t| format!("<script>{t}</script>")),
            "[a-z<>/ -]{0,16}".prop_map(|t| format!("<style type=x>{t}</STYLE>")),
            "[a-z<>/ -]{0,12}".prop_map(|t| format!("<!--{t}-->")),
            Just("<script type=application/ld+json>{\"a\":1}</script>".to_owned()),
            Just("<scriptx>text</scriptx>".to_owned()),
            Just("</script>".to_owned()),
            Just("<!-- <script> -->".to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn the_page_parses_to_the_same_text_without_its_code(
            pieces in proptest::collection::vec(piece(), 0..12)
        ) {
            let page = format!("<html><head></head><body>{}</body></html>", pieces.concat());
            prop_assert_eq!(parsed(&without_code(&page)), parsed(&page));
        }
    }
}
