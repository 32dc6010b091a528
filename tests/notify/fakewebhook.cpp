#include "fakewebhook.h"

#include <QTcpSocket>

FakeWebhook::FakeWebhook(QList<int> statuses, QObject* parent)
    : QObject(parent)
    , m_statuses(std::move(statuses))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeWebhook::accept);
    m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeWebhook::url(const QString& path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

void FakeWebhook::accept()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QByteArray head = buffer->left(headerEnd);
            qsizetype length = 0;
            QByteArray contentType;
            for (const QByteArray& line : head.split('\n')) {
                const QByteArray l = line.trimmed();
                if (l.toLower().startsWith("content-length:"))
                    length = l.mid(15).trimmed().toLongLong();
                if (l.toLower().startsWith("content-type:"))
                    contentType = l.mid(13).trimmed();
            }
            if (buffer->size() < headerEnd + 4 + length)
                return;
            requestLines.append(head.left(head.indexOf("\r\n")));
            contentTypes.append(contentType);
            bodies.append(buffer->mid(headerEnd + 4, length));
            buffer->clear();
            const int status = m_statuses.isEmpty() ? 200 : m_statuses.takeFirst();
            if (status == 0)
                return; // say nothing: the client must time out
            const QByteArray body = status < 300 ? QByteArray("ok") : QByteArray("invalid_token");
            socket->write("HTTP/1.1 " + QByteArray::number(status)
                          + " Scripted\r\nContent-Type: text/plain\r\n"
                            "Content-Length: "
                          + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }
}
