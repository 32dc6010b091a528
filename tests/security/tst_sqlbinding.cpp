// Every SQL statement binds its values: no text that came from input is ever pasted into SQL.
// This test reads the product sources and fails on (1) SQLite's own statement APIs used anywhere
// but the one wrapper (model/store/sqlite.cpp), (2) printf-style SQL builders, and (3) a
// statement whose text is built with anything derived from a QString (input, settings, names):
// only literals, compile-time constants and integers may be concatenated into SQL.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestSqlBinding : public QObject
{
    Q_OBJECT

    struct Source
    {
        QString path;
        QString text;
    };

    static QList<Source> productSources()
    {
        QList<Source> sources;
        for (const char* dir : {"model", "plugins", "app", "ui"}) {
            QDirIterator it(QStringLiteral(SIGHTLINE_SOURCE_DIR "/") + QLatin1String(dir),
                            {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly))
                    sources.append({file.fileName(), QString::fromUtf8(file.readAll())});
            }
        }
        return sources;
    }

    // The argument text of each call to one of the statement functions: up to the matching
    // closing parenthesis, skipping string literals (calls may span lines).
    static QStringList statementArguments(const QString& text)
    {
        static const QRegularExpression call(QStringLiteral(R"(\b(prepare|exec|queryInt)\s*\()"));
        QStringList arguments;
        auto matches = call.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            qsizetype i = match.capturedEnd();
            int depth = 1;
            bool inString = false;
            for (; i < text.size() && depth > 0; ++i) {
                const QChar c = text.at(i);
                if (inString) {
                    if (c == u'\\')
                        ++i;
                    else if (c == u'"')
                        inString = false;
                } else if (c == u'"') {
                    inString = true;
                } else if (c == u'(') {
                    ++depth;
                } else if (c == u')') {
                    --depth;
                }
            }
            arguments.append(text.mid(match.capturedEnd(), i - 1 - match.capturedEnd()));
        }
        return arguments;
    }

    // Statements that contain SQL and are built with QString-derived text.
    static QStringList concatenatedInputText(const QString& text)
    {
        static const QRegularExpression sqlWord(
            QStringLiteral(R"(\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|PRAGMA|WHERE|VALUES)\b)"));
        static const QRegularExpression fromText(
            QStringLiteral(R"(toStdString|toUtf8|toLatin1|toLocal8Bit|\.arg\(|QString|QByteArray)"));
        QStringList offenders;
        for (const QString& argument : statementArguments(text)) {
            if (sqlWord.match(argument).hasMatch() && fromText.match(argument).hasMatch()
                && (argument.contains(u'+') || argument.contains(QStringLiteral(".arg("))))
                offenders.append(argument.simplified().left(160));
        }
        return offenders;
    }

private Q_SLOTS:
    void sourcesAreFound()
    {
        // Guards the other checks against silently scanning nothing.
        QVERIFY(productSources().size() > 100);
    }

    void onlyTheWrapperTalksToSqlite()
    {
        static const QRegularExpression raw(
            QStringLiteral(R"(\bsqlite3_(prepare\w*|exec|mprintf|vmprintf|snprintf)\b)"));
        QStringList offenders;
        for (const auto& source : productSources()) {
            // The wrapper, and the graph loader, which reads text columns without copying them
            // (graph build speed) from statements that are string literals.
            if (source.path.endsWith(u"model/store/sqlite.cpp")
                || source.path.endsWith(u"model/lineage/graphloader.cpp"))
                continue;
            if (raw.match(source.text).hasMatch())
                offenders.append(source.path);
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
    }

    void noInputTextIsConcatenatedIntoSql()
    {
        QStringList offenders;
        for (const auto& source : productSources()) {
            for (const QString& statement : concatenatedInputText(source.text))
                offenders.append(source.path + QStringLiteral(": ") + statement);
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
    }

    // The rule must be able to fail: it flags constructed offending statements, and only them.
    void ruleCatchesAnOffender()
    {
        const QString bad = QStringLiteral(
            "auto s = db.prepare(\"SELECT id FROM asset WHERE key = '\" + key.toStdString() + \"'\");\n"
            "db.exec(QStringLiteral(\"DELETE FROM asset WHERE name = '%1'\").arg(name).toUtf8().toStdString());\n");
        QCOMPARE(concatenatedInputText(bad).size(), 2);
        const QString good = QStringLiteral(
            "auto s = db.prepare(\"SELECT \" + std::string(kColumns) + \" FROM asset WHERE key = ?1\");\n"
            "db.exec(\"PRAGMA user_version = \" + std::to_string(version + 1));\n");
        QCOMPARE(concatenatedInputText(good).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSqlBinding)
#include "tst_sqlbinding.moc"
