#include "webhook.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace sightline {

namespace {

constexpr qint64 kMaxResponse = 64 * 1024;

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

struct Attempt
{
    int status = 0;
    bool timedOut = false;
    bool transportError = false;
    QString error;
    QByteArray body;
};

Attempt postOnce(QNetworkAccessManager& manager, const QUrl& url, const QByteArray& body, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json; charset=utf-8"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("sightline"));
    // A webhook that redirects is not followed: the payload must go where the user configured.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(manager.post(request, body));

    Attempt out;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        out.timedOut = true;
        reply->abort();
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    timer.stop();

    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->read(kMaxResponse);
    if (out.timedOut) {
        out.status = 0;
        out.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    } else if (out.status == 0) {
        out.transportError = true;
        out.error = reply->errorString();
    } else if (out.status < 200 || out.status >= 300) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        out.error =
            QStringLiteral("HTTP %1%2").arg(out.status).arg(reason.isEmpty() ? QString() : QString(u' ' + reason));
        const QString text = QString::fromUtf8(out.body.left(200)).simplified();
        if (!text.isEmpty())
            out.error += QStringLiteral(": ") + text;
    }
    return out;
}

void waitMs(int ms)
{
    if (ms <= 0)
        return;
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

QString webhookUrlProblem(const QUrl& url)
{
    if (!url.isValid() || url.isEmpty())
        return QStringLiteral("not a valid URL");
    if (url.host().isEmpty())
        return QStringLiteral("the URL has no host");
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme == u"http") {
        if (isLoopbackHost(url.host()))
            return {};
        return QStringLiteral("plain http is allowed only to this machine (loopback); use https");
    }
    return QStringLiteral("unsupported scheme '%1'; use https").arg(url.scheme());
}

DeliveryResult postWebhook(const QUrl& url, const QByteArray& body, const WebhookOptions& options)
{
    DeliveryResult result;
    if (const QString problem = webhookUrlProblem(url); !problem.isEmpty()) {
        result.error = QStringLiteral("refused webhook URL: ") + problem;
        return result;
    }
    QNetworkAccessManager manager;
    // Loopback relays must not go through a proxy from the environment.
    if (isLoopbackHost(url.host()))
        manager.setProxy(QNetworkProxy::NoProxy);
    int backoff = options.initialBackoffMs;
    const int attempts = std::max(1, options.maxAttempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        const Attempt a = postOnce(manager, url, body, options.timeoutMs);
        result.attempts = attempt;
        result.httpStatus = a.status;
        result.response = a.body;
        if (a.error.isEmpty()) {
            result.ok = true;
            result.error.clear();
            return result;
        }
        result.error = a.error;
        const bool transient = a.timedOut || a.transportError || a.status >= 500 || a.status == 429;
        if (!transient)
            break;
        if (attempt < attempts) {
            waitMs(backoff);
            backoff *= 2;
        }
    }
    result.error = QStringLiteral("%1 (after %2 attempt%3)")
                       .arg(result.error)
                       .arg(result.attempts)
                       .arg(result.attempts == 1 ? QString() : QStringLiteral("s"));
    return result;
}

} // namespace sightline
