//! Whether a query narrows the last one: every article it matches, the last one matched
//! too, as far as can be told from the terms alone (when it cannot, the answer is no and
//! the search starts afresh). The in-memory search then looks only at the last answer.

use crate::query::{Query, Term, Test};

/// True when every article `query` matches, `last` matches too: each of `last`'s terms
/// is implied by `query`'s (as far as can be told from the terms alone; when it cannot,
/// the answer is false and the search starts afresh).
pub fn narrows(query: &Query, last: &Query) -> bool {
    !last.is_empty() && all_imply(&query.terms, &last.terms)
}

/// True when every article all of `terms` hold for, each of `olds` holds for.
fn all_imply(terms: &[Term], olds: &[Term]) -> bool {
    olds.iter().all(|old| imply(terms, old))
}

/// True when every article all of `terms` hold for, `old` holds for.
fn imply(terms: &[Term], old: &Term) -> bool {
    if let (false, Test::Any(alternatives)) = (old.negated, &old.test)
        && alternatives.iter().any(|alt| all_imply(terms, &alt.terms))
    {
        return true;
    }
    terms.iter().any(|new| implies(new, old))
}

/// True when every article `new` holds for, `old` holds for.
fn implies(new: &Term, old: &Term) -> bool {
    match (new.negated, old.negated) {
        (false, false) => test_implies(&new.test, &old.test),
        // Not b implies not a when a implies b.
        (true, true) => test_implies(&old.test, &new.test),
        _ => false,
    }
}

/// True when every article `new` holds for, `old` holds for (both taken positively).
fn test_implies(new: &Test, old: &Test) -> bool {
    let positive = |test: &Test| Term {
        negated: false,
        test: test.clone(),
        span: 0..0,
    };
    match (new, old) {
        (Test::Any(alternatives), _) => alternatives
            .iter()
            .all(|alt| imply(&alt.terms, &positive(old))),
        (_, Test::Any(alternatives)) => alternatives
            .iter()
            .any(|alt| all_imply(&[positive(new)], &alt.terms)),
        (
            Test::Text {
                field: nf,
                words: nw,
                ..
            },
            Test::Text {
                field: of,
                words: ow,
                prefix: true,
            },
        ) if nf == of => longer(nw, ow),
        (Test::Path(new), Test::Path(old)) => longer(new, old),
        (a, b) => a == b,
    }
}

/// True when `new` is `old` with the last word perhaps longer.
fn longer(new: &[String], old: &[String]) -> bool {
    match (new.split_last(), old.split_last()) {
        (Some((n, nr)), Some((o, or))) => nr == or && n.starts_with(o.as_str()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;
    use jiff::civil::date;

    fn q(text: &str) -> Query {
        parse(text, date(2026, 1, 1)).unwrap()
    }

    #[test]
    fn a_longer_word_or_another_term_narrows_a_query() {
        let riv = q("riv");
        assert!(narrows(&q("river"), &riv));
        assert!(narrows(&q("riv date:2024"), &riv));
        assert!(narrows(&q("stone rivers"), &riv));
        assert!(!narrows(&q("ri"), &riv));
        assert!(!narrows(&q("-river"), &riv));
        assert!(!narrows(&q("title:river"), &riv));
        assert!(narrows(&q("-x date:2024"), &q("date:2024")));
        assert!(
            !narrows(&q("-xy"), &q("-x")),
            "a longer negation lets more through"
        );
        assert!(!narrows(&riv, &Query::default()));
    }

    #[test]
    fn narrowing_holds_through_or_and_groups() {
        for (new, last) in [
            ("oil OR gas", "oil OR ga"),
            ("oil OR gas", "gas OR oil"),
            ("oil", "oil OR gas"),
            ("oil date:2024", "oil | gas"),
            ("(oil gas) OR (oil x)", "oil"),
            ("-(oil OR gas)", "-oil"),
            ("-oil", "-oils"),
            ("-(oil date:2024)", "-(oil date:2024)"),
            ("path:busi", "path:bus"),
            ("path:2023/05 x", "path:2023/0"),
            ("(a b) OR c", "(a b) OR c"),
        ] {
            assert!(narrows(&q(new), &q(last)), "{new} narrows {last}");
        }
        for (new, last) in [
            ("oil OR gas", "oil"),
            ("oil OR gas", "oil OR ga x"),
            ("(oil gas) OR x", "oil"),
            ("-oil", "-(oil OR gas)"),
            ("-(oil date:2024)", "-oil"),
            ("path:bus", "path:busi"),
            ("a OR b", "-(a OR b)"),
        ] {
            assert!(!narrows(&q(new), &q(last)), "{new} does not narrow {last}");
        }
    }
}
