#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

// A real HTTP server on 127.0.0.1 that answers each POST with the next scripted status (0: never
// answer, to provoke a timeout) and keeps every request body it received.
class FakeWebhook : public QObject
{
    Q_OBJECT
public:
    explicit FakeWebhook(QList<int> statuses, QObject* parent = nullptr);
    bool listening() const
    {
        return m_server.isListening();
    }
    QUrl url(const QString& path = QStringLiteral("/hook")) const;
    QList<QByteArray> bodies;
    QList<QByteArray> requestLines;
    QList<QByteArray> contentTypes;

private:
    void accept();
    QTcpServer m_server;
    QList<int> m_statuses;
};
