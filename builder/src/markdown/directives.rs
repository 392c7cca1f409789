//! `{{…}}` directives, alone in their paragraph: widgets (which split the article into HTML
//! blocks around them) and pull quotes.

use super::inline::escape;
use super::renderer::Renderer;
use loopje::model::{Block, Widget};

impl Renderer<'_, '_> {
    pub fn directive(&mut self, text: &str, ln: usize) {
        let text = text.trim();
        let (name, arg) = text
            .split_once(char::is_whitespace)
            .map(|(n, a)| (n, a.trim()))
            .unwrap_or((text, ""));
        match (name, arg) {
            ("quiz", id) if !id.is_empty() && !id.contains(char::is_whitespace) => {
                self.out.refs.quizzes.push((id.to_string(), ln));
                self.widget(Widget::Quiz {
                    id: id.to_string(),
                    quiz: None,
                });
            }
            ("quiz", _) => self.error(
                ln,
                "`{{quiz}}` needs one quiz id",
                "write `{{quiz <id>}}` for content/quizzes/<id>.<lang>.toml",
            ),
            ("intensity-test", "") => {
                self.out.refs.intensity_tests.push(ln);
                self.widget(Widget::IntensityTest { guide: None });
            }
            ("intensity-test", _) => self.error(
                ln,
                "`{{intensity-test}}` takes no arguments",
                "write `{{intensity-test}}`",
            ),
            ("pullquote", quote) if !quote.is_empty() => {
                self.html.push_str(&format!(
                    "<figure class=\"pullquote\"><blockquote><p>{}</p></blockquote></figure>\n",
                    escape(quote)
                ));
            }
            ("pullquote", _) => self.error(
                ln,
                "`{{pullquote}}` has no text",
                "write `{{pullquote The sentence to highlight.}}`",
            ),
            (other, _) => self.error(
                ln,
                format!("unknown widget `{other}`"),
                "use one of `{{quiz <id>}}`, `{{intensity-test}}`, `{{pullquote <text>}}`",
            ),
        }
    }

    fn widget(&mut self, widget: Widget) {
        self.push_html_block();
        self.out.blocks.push(Block::Widget { widget });
    }
}
