#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace sightline {

struct WebhookOptions
{
    int timeoutMs = 10'000; // per attempt: no answer (headers and body) within it is a timeout
    int maxAttempts = 3; // 1: no retry
    int initialBackoffMs = 1'000; // doubled after every failed attempt
};

struct DeliveryResult
{
    bool ok = false;
    int httpStatus = 0; // of the last attempt; 0 when none came back
    int attempts = 0;
    QString error; // empty when ok; one sentence naming what went wrong
    QByteArray response; // body of the last answer (bounded)
};

// Why a webhook URL may not be used, or an empty string when it may: only https with a host,
// or plain http to a loopback host (127.0.0.0/8, ::1, localhost) for local tests and relays.
QString webhookUrlProblem(const QUrl& url);

// POSTs body (JSON) to url and waits for the answer, running a local event loop (needs a
// QCoreApplication; call it from a worker thread in the GUI). Retries with exponential backoff
// on 5xx answers, 429, timeouts and connection failures; never on other 4xx answers, which
// mean the request itself is wrong (a revoked webhook, a malformed payload).
DeliveryResult postWebhook(const QUrl& url, const QByteArray& body, const WebhookOptions& options = {});

} // namespace sightline
