//! Where each part of the screen goes at a given size: computed when the size or the
//! focus changes, kept in the state, and read by drawing and mouse handling.

use ratatui::layout::Rect;

use crate::tui::settings::LIST_WIDTH;

/// Below this size only a "terminal too small" note is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width on, the list and the reader are side by side.
pub const SPLIT_WIDTH: u16 = 100;
/// From this width on, the timeline shows beside the filter bar.
pub const TIMELINE_WIDTH: u16 = 80;

/// How much of the screen the list takes beside the reader, at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListShare {
    /// This share in percent, as the configuration sets it.
    Percent(u16),
    /// The columns its rows need for a title to read (at most half the screen, at least
    /// the default share).
    Titles(u16),
}

/// The screen's parts. A pane that is not shown has an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub screen: Rect,
    pub filter_bar: Rect,
    /// How the matches spread over time, right of the filter bar.
    pub timeline: Rect,
    pub list: Rect,
    pub separator: Rect,
    pub reader: Rect,
    /// The reader's text (inside its margins, left of the scrollbar).
    pub text: Rect,
    pub scrollbar: Rect,
    pub status: Rect,
    pub too_small: bool,
}

impl Areas {
    /// The layout for a `width` x `height` screen; `reading` picks the pane shown when
    /// there is room for only one. Side by side, the list takes `list_percent` of the
    /// width, or more when the reader needs less for `max_text_width`.
    pub fn compute(
        width: u16,
        height: u16,
        reading: bool,
        max_text_width: usize,
        list_share: ListShare,
    ) -> Areas {
        let screen = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Areas {
                screen,
                too_small: true,
                ..Areas::default()
            };
        }
        let timeline_width = if width >= TIMELINE_WIDTH {
            (width / 4).clamp(20, 40)
        } else {
            0
        };
        let filter = Rect::new(0, 0, width - timeline_width, 1);
        let timeline = Rect::new(width - timeline_width, 0, timeline_width, 1);
        let status = Rect::new(0, height - 1, width, 1);
        let body = Rect::new(0, 1, width, height - 2);
        let (list, separator, reader) = if width >= SPLIT_WIDTH {
            // The list's share, or more when the reader has more than its widest text
            // needs (text, its margin, the scrollbar and its gap, the separator).
            let reader_needs = (max_text_width.min(u16::MAX as usize) as u16).saturating_add(4);
            let percent = |p: u16| (u32::from(width) * u32::from(p.min(100)) / 100) as u16;
            let share = match list_share {
                ListShare::Percent(p) => percent(p),
                // What the titles need, within the default share and half the screen.
                ListShare::Titles(needs) => needs.min(width / 2).max(percent(LIST_WIDTH)),
            };
            let list_width = share
                .max(width.saturating_sub(reader_needs))
                .clamp(1, width - 2);
            (
                Rect {
                    width: list_width,
                    ..body
                },
                Rect {
                    x: list_width,
                    width: 1,
                    ..body
                },
                Rect {
                    x: list_width + 1,
                    width: width - list_width - 1,
                    ..body
                },
            )
        } else if reading {
            (Rect::default(), Rect::default(), body)
        } else {
            (body, Rect::default(), Rect::default())
        };
        let (text, scrollbar) = if reader.is_empty() {
            (Rect::default(), Rect::default())
        } else {
            let scrollbar = Rect {
                x: reader.right() - 1,
                width: 1,
                ..reader
            };
            let room = reader.width.saturating_sub(3);
            let text_width = room.min(max_text_width as u16);
            (
                Rect {
                    x: reader.x + 1,
                    width: text_width,
                    ..reader
                },
                scrollbar,
            )
        };
        Areas {
            screen,
            filter_bar: filter,
            timeline,
            list,
            separator,
            reader,
            text,
            scrollbar,
            status,
            too_small: false,
        }
    }

    /// True when list and reader are shown side by side.
    pub fn split(&self) -> bool {
        !self.list.is_empty() && !self.reader.is_empty()
    }
}

/// Where the help overlay goes on `screen`.
pub fn help_area(screen: Rect) -> Rect {
    let width = screen
        .width
        .saturating_sub(4)
        .min(76)
        .max(screen.width.min(20));
    let height = screen.height.saturating_sub(2).max(screen.height.min(6));
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}
