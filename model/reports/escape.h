#pragma once

#include <QString>

namespace sightline::report {

// Text for HTML/XML content and attribute values: & < > " ' escaped. With isolate, text that
// contains right-to-left characters is wrapped in Unicode isolates (FSI ... PDI) so it cannot
// reorder the text around it; bidi controls from the input (overrides, embeddings) are dropped.
QString html(const QString& text, bool isolate = true);

// Inserts a zero-width space into every run of more than `every` characters without a space,
// so that a page layout can wrap very long names (QTextDocument does not break inside words).
QString breakable(const QString& text, int every = 24);

// Markdown: every ASCII punctuation character that Markdown or a table gives meaning to is
// backslash-escaped, HTML is neutralised, and line breaks become spaces (a value is one line).
QString markdown(const QString& text);

// One CSV field (RFC 4180): quoted when needed, and a leading = + - @ tab or CR gets a ' so a
// spreadsheet never evaluates an input as a formula.
QString csvField(const QString& text);

bool hasRightToLeft(const QString& text);

// Shortens to at most max characters with an ellipsis (not splitting a surrogate pair).
QString elide(const QString& text, int max);

} // namespace sightline::report
