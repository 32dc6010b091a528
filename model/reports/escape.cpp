#include "escape.h"

namespace sightline::report {

namespace {
// Explicit embeddings, overrides and isolates from an input could reorder what a reader sees
// ("gnp.exe" shown as "exe.png"): they are dropped; the report adds its own isolates.
bool isBidiControl(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E || u == 0x200F || u == 0x061C;
}
} // namespace

bool hasRightToLeft(const QString& text)
{
    for (QChar c : text) {
        const auto d = c.direction();
        if (d == QChar::DirR || d == QChar::DirAL)
            return true;
    }
    return false;
}

QString html(const QString& text, bool isolate)
{
    QString out;
    out.reserve(text.size() + 16);
    for (QChar c : text) {
        if (isBidiControl(c))
            continue;
        switch (c.unicode()) {
        case u'&':
            out += QStringLiteral("&amp;");
            break;
        case u'<':
            out += QStringLiteral("&lt;");
            break;
        case u'>':
            out += QStringLiteral("&gt;");
            break;
        case u'"':
            out += QStringLiteral("&quot;");
            break;
        case u'\'':
            out += QStringLiteral("&#39;");
            break;
        default:
            // Control characters other than tab and newline are not allowed in XML (SVG).
            if (c.unicode() < 0x20 && c != u'\t' && c != u'\n')
                out += QChar(0xFFFD);
            else
                out += c;
        }
    }
    if (isolate && hasRightToLeft(text))
        return QChar(0x2068) + out + QChar(0x2069);
    return out;
}

QString breakable(const QString& text, int every)
{
    QString out;
    out.reserve(text.size() + text.size() / every + 1);
    int run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        out += c;
        if (c.isSpace()) {
            run = 0;
            continue;
        }
        if (++run >= every && !c.isHighSurrogate() && i + 1 < text.size() && !text.at(i + 1).isSpace()) {
            out += QChar(0x200B);
            run = 0;
        }
    }
    return out;
}

QString markdown(const QString& text)
{
    static const QString special = QStringLiteral("\\`*_{}[]()<>#+-.!|~\"'&=");
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t') {
            out += u' ';
            continue;
        }
        if (c.unicode() < 0x20 || isBidiControl(c))
            continue;
        if (special.contains(c))
            out += u'\\';
        out += c;
    }
    if (hasRightToLeft(text))
        return QChar(0x2068) + out + QChar(0x2069);
    return out;
}

QString csvField(const QString& text)
{
    QString value = text;
    if (!value.isEmpty()) {
        const QChar first = value.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r')
            value.prepend(u'\'');
    }
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n') || value.contains(u'\r')) {
        value.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + value + u'"';
    }
    return value;
}

QString elide(const QString& text, int max)
{
    if (text.size() <= max)
        return text;
    QString out = text.left(max - 1);
    if (!out.isEmpty() && out.back().isHighSurrogate())
        out.chop(1);
    return out + QChar(0x2026);
}

} // namespace sightline::report
