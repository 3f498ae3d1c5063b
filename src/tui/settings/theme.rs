//! Colours: a [`Palette`] (a colour for each element of the screen, from the built-in
//! `dark` or `light` theme with the user's changes) and the [`Theme`] of styles drawn
//! with it. Without colour (`NO_COLOR`), reverse video, bold and underline still mark
//! matches and the selection.

use ratatui::style::{Color, Modifier, Style};

macro_rules! palette {
    ($($element:ident: $dark:expr, $light:expr, $help:literal;)*) => {
        /// A colour for each element; `None` is the terminal's own colour.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Palette {
            $(#[doc = $help] pub $element: Option<Color>,)*
        }

        impl Palette {
            /// Every element's configuration name, in the order the default config lists them.
            pub const ELEMENTS: &[&str] = &[$(stringify!($element),)*];

            /// For a dark terminal background.
            pub const DARK: Palette = Palette { $($element: $dark,)* };

            /// For a light terminal background.
            pub const LIGHT: Palette = Palette { $($element: $light,)* };

            /// The terminal's own colours everywhere.
            pub const NONE: Palette = Palette { $($element: None,)* };

            /// The colour of the element with this configuration name.
            pub fn element_mut(&mut self, name: &str) -> Option<&mut Option<Color>> {
                match name {
                    $(stringify!($element) => Some(&mut self.$element),)*
                    _ => None,
                }
            }

            /// The colour of the element with this configuration name.
            pub fn element(&self, name: &str) -> Option<Option<Color>> {
                match name {
                    $(stringify!($element) => Some(self.$element),)*
                    _ => None,
                }
            }

            /// What the element is, for the default config's comments.
            pub fn describe(name: &str) -> &'static str {
                match name {
                    $(stringify!($element) => $help,)*
                    _ => "",
                }
            }
        }
    };
}

use Color::*;

palette! {
    title: None, None, "Article titles in the reader (bold)";
    meta: Some(DarkGray), Some(DarkGray), "The line under a title: date, source, author, tags, length";
    heading: Some(Cyan), Some(Blue), "Markdown headings";
    code: Some(Yellow), Some(Magenta), "Code in Markdown";
    link: Some(Blue), Some(Blue), "Links in Markdown (underlined)";
    bullet: Some(Cyan), Some(Blue), "Bullets and numbers of Markdown lists";
    source: Some(Cyan), Some(Blue), "The source column of the list";
    unread: Some(Green), Some(Green), "Unread articles in the list: their titles (bold) and the • beside them";
    match_text: Some(Black), Some(Black), "Text of the filter's matches";
    match_background: Some(Yellow), Some(Yellow), "Background of the filter's matches";
    current_match_background: Some(LightRed), Some(LightRed), "Background of the matches on the line n/N last moved to";
    selection_text: Some(White), Some(Black), "Text of the selected article while the list does not have the keyboard";
    selection_background: Some(DarkGray), Some(Gray), "Its background (with the keyboard, the selection is in reverse video)";
    prompt: Some(Yellow), Some(Blue), "The filter bar's prompt while typing";
    error: Some(Red), Some(Red), "What is wrong: a filter term that does not parse, an article that cannot be read";
    timeline: Some(Cyan), Some(Blue), "The timeline beside the filter bar";
    cursor_line: Some(Rgb(0x30, 0x30, 0x30)), Some(Rgb(0xe4, 0xe4, 0xe4)), "Background of the reader's cursor line (marked › in the margin)";
    bookmarked: Some(Rgb(0x5f, 0x5f, 0x00)), Some(Rgb(0xff, 0xf5, 0xc0)), "Background of bookmarked passages in the reader";
    bookmark_mark: Some(Yellow), Some(Rgb(0xaf, 0x87, 0x00)), "The ▌ beside bookmarked passages";
}

/// The built-in palettes by name.
pub const BUILT_IN: &[(&str, Palette)] = &[("dark", Palette::DARK), ("light", Palette::LIGHT)];

impl Default for Palette {
    fn default() -> Palette {
        Palette::DARK
    }
}

/// The colours a colour may be named by, for messages.
pub const COLOUR_NAMES: &str = "a colour name (black, red, green, yellow, blue, magenta, cyan, \
gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, \
white), \"#rrggbb\", or \"default\" for the terminal's own colour";

const NAMED: &[(&str, Color)] = &[
    ("black", Black),
    ("red", Red),
    ("green", Green),
    ("yellow", Yellow),
    ("blue", Blue),
    ("magenta", Magenta),
    ("cyan", Cyan),
    ("gray", Gray),
    ("dark-gray", DarkGray),
    ("light-red", LightRed),
    ("light-green", LightGreen),
    ("light-yellow", LightYellow),
    ("light-blue", LightBlue),
    ("light-magenta", LightMagenta),
    ("light-cyan", LightCyan),
    ("white", White),
];

/// The colour a configuration value names (`None` for `default`), or what is wrong.
pub fn parse_colour(text: &str) -> Result<Option<Color>, String> {
    let name = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    let name = name.replace("grey", "gray");
    if name == "default" {
        return Ok(None);
    }
    if let Some((_, colour)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Ok(Some(*colour));
    }
    if let Some(hex) = name.strip_prefix('#') {
        if hex.len() == 6
            && hex.chars().all(|c| c.is_ascii_hexdigit())
            && let Ok(rgb) = u32::from_str_radix(hex, 16)
        {
            return Ok(Some(Color::Rgb(
                (rgb >> 16) as u8,
                (rgb >> 8) as u8,
                rgb as u8,
            )));
        }
        return Err(format!(
            "\"{text}\" is not a colour: write six hex digits after #"
        ));
    }
    if let Some((n, _)) = NAMED.iter().find(|(n, _)| n.replace('-', "") == name) {
        return Err(format!(
            "\"{text}\" is not a colour (did you mean \"{n}\"?)"
        ));
    }
    Err(format!("\"{text}\" is not a colour"))
}

/// The configuration name of a colour, as [`parse_colour`] reads it back.
pub fn colour_name(colour: Option<Color>) -> String {
    match colour {
        None => "default".to_owned(),
        Some(Color::Rgb(r, g, b)) => format!("#{r:02x}{g:02x}{b:02x}"),
        Some(colour) => NAMED
            .iter()
            .find(|(_, c)| *c == colour)
            .map_or_else(|| format!("{colour}"), |(n, _)| (*n).to_owned()),
    }
}

/// The styles everything is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub meta: Style,
    /// First-level headings; `heading` is for the second level (deeper ones are bold).
    pub heading_1: Style,
    pub heading: Style,
    pub code: Style,
    pub link: Style,
    pub bullet: Style,
    pub source: Style,
    /// An unread article's title and mark in the list.
    pub unread: Style,
    /// A match of the filter, over the text's own style. Always sets a background or
    /// reverse video, which is how a marked span is told from others.
    pub highlight: Style,
    /// The matches on the line last moved to, over [`Theme::highlight`].
    pub current: Style,
    /// The selected article while the list has the keyboard.
    pub selection: Style,
    /// The selected article while something else has the keyboard.
    pub inactive_selection: Style,
    pub prompt: Style,
    pub error: Style,
    /// A filter term that does not parse.
    pub bad_term: Style,
    pub timeline: Style,
    /// The background of the reader's cursor line, if any.
    pub cursor_line: Option<Color>,
    /// The background of bookmarked passages, if any.
    pub bookmarked: Option<Color>,
    /// The margin mark of the cursor line, and of bookmarked passages.
    pub cursor_mark: Style,
    pub bookmark_mark: Style,
}

impl Theme {
    /// The styles for `palette`, or with `colour` false, the same without any colour.
    pub fn new(palette: &Palette, colour: bool) -> Theme {
        let p = if colour { *palette } else { Palette::NONE };
        let fg = |colour: Option<Color>| Style {
            fg: colour,
            ..Style::new()
        };
        let bold = Modifier::BOLD;
        let mut highlight = Style {
            fg: p.match_text,
            bg: p.match_background,
            ..Style::new()
        }
        .add_modifier(bold);
        if highlight.bg.is_none() {
            highlight = highlight.add_modifier(Modifier::REVERSED);
        }
        let mut inactive_selection = Style {
            fg: p.selection_text,
            bg: p.selection_background,
            ..Style::new()
        };
        if inactive_selection.bg.is_none() {
            inactive_selection = inactive_selection.add_modifier(bold | Modifier::UNDERLINED);
        }
        Theme {
            title: fg(p.title).add_modifier(bold),
            meta: fg(p.meta),
            heading_1: fg(p.heading).add_modifier(bold | Modifier::UNDERLINED),
            heading: fg(p.heading).add_modifier(bold),
            code: fg(p.code),
            link: fg(p.link).add_modifier(Modifier::UNDERLINED),
            bullet: fg(p.bullet),
            source: fg(p.source),
            unread: fg(p.unread).add_modifier(bold),
            highlight,
            current: Style {
                bg: p.current_match_background,
                ..Style::new()
            }
            .add_modifier(Modifier::UNDERLINED),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            inactive_selection,
            prompt: fg(p.prompt).add_modifier(bold),
            error: fg(p.error),
            bad_term: fg(p.error).add_modifier(Modifier::UNDERLINED | bold),
            timeline: fg(p.timeline),
            cursor_line: p.cursor_line,
            bookmarked: p.bookmarked,
            cursor_mark: Style::new().add_modifier(bold),
            bookmark_mark: fg(p.bookmark_mark).add_modifier(bold),
        }
    }

    /// True for the style of a span marked with [`Theme::highlight`].
    pub fn is_highlight(&self, style: Style) -> bool {
        let h = self.highlight;
        (h.fg.is_none() || style.fg == h.fg)
            && (h.bg.is_none() || style.bg == h.bg)
            && style.add_modifier.contains(h.add_modifier)
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(&Palette::DARK, true)
    }
}

/// True unless `NO_COLOR` is set to something (<https://no-color.org>).
pub fn colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_in_every_form() {
        assert_eq!(parse_colour("red"), Ok(Some(Red)));
        assert_eq!(parse_colour("dark-gray"), Ok(Some(DarkGray)));
        assert_eq!(parse_colour("Dark_Grey"), Ok(Some(DarkGray)));
        assert_eq!(parse_colour("#ff8000"), Ok(Some(Color::Rgb(255, 128, 0))));
        assert_eq!(parse_colour("default"), Ok(None));
        assert!(
            parse_colour("#ff80")
                .unwrap_err()
                .contains("six hex digits")
        );
        assert!(
            parse_colour("darkgray")
                .unwrap_err()
                .contains("\"dark-gray\"")
        );
        assert!(parse_colour("blu").unwrap_err().contains("not a colour"));
    }

    #[test]
    fn every_palette_colour_reads_back_from_its_name() {
        for (_, palette) in BUILT_IN {
            for name in Palette::ELEMENTS {
                let colour = palette.element(name).expect("an element");
                assert_eq!(parse_colour(&colour_name(colour)), Ok(colour), "{name}");
                assert!(!Palette::describe(name).is_empty());
            }
        }
    }

    #[test]
    fn without_colour_only_modifiers_mark() {
        for (_, palette) in BUILT_IN {
            let theme = Theme::new(palette, false);
            let styles = [
                theme.title,
                theme.meta,
                theme.heading_1,
                theme.heading,
                theme.code,
                theme.link,
                theme.bullet,
                theme.source,
                theme.highlight,
                theme.current,
                theme.selection,
                theme.inactive_selection,
                theme.prompt,
                theme.error,
                theme.bad_term,
                theme.timeline,
            ];
            for style in styles {
                assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            }
            assert!(theme.highlight.add_modifier.contains(Modifier::REVERSED));
            assert!(theme.selection.add_modifier.contains(Modifier::REVERSED));
            assert!(!theme.inactive_selection.add_modifier.is_empty());
        }
    }

    #[test]
    fn a_marked_span_is_told_from_others() {
        for colour in [true, false] {
            let theme = Theme::new(&Palette::DARK, colour);
            let marked = theme.heading.patch(theme.highlight);
            assert!(theme.is_highlight(marked));
            for plain in [Style::new(), theme.heading, theme.code, theme.title] {
                assert!(!theme.is_highlight(plain), "{plain:?}");
            }
        }
    }
}
