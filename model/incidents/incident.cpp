#include "incident.h"

#include <array>
#include <utility>

namespace sightline {

namespace {
constexpr std::array kKindNames = {
    std::pair {IncidentKind::Freshness, u"freshness"}, std::pair {IncidentKind::Volume, u"volume"},
    std::pair {IncidentKind::Schema, u"schema"},       std::pair {IncidentKind::Distribution, u"distribution"},
    std::pair {IncidentKind::Test, u"test"},
};

constexpr std::array kStatusNames = {
    std::pair {IncidentStatus::Open, u"open"},
    std::pair {IncidentStatus::Acknowledged, u"acknowledged"},
    std::pair {IncidentStatus::Investigating, u"investigating"},
    std::pair {IncidentStatus::Fixed, u"fixed"},
    std::pair {IncidentStatus::Expected, u"expected"},
    std::pair {IncidentStatus::NoActionNeeded, u"no_action_needed"},
    std::pair {IncidentStatus::FalsePositive, u"false_positive"},
};

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char16_t*>, N>& names, Enum value)
{
    for (const auto& [e, name] : names) {
        if (e == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char16_t*>, N>& names, QStringView name)
{
    for (const auto& [e, n] : names) {
        if (name == QStringView(n))
            return e;
    }
    return std::nullopt;
}
} // namespace

QString incidentKindName(IncidentKind kind)
{
    return nameOf(kKindNames, kind);
}

std::optional<IncidentKind> incidentKindFromName(QStringView name)
{
    return valueOf(kKindNames, name);
}

QString statusName(IncidentStatus status)
{
    return nameOf(kStatusNames, status);
}

std::optional<IncidentStatus> statusFromName(QStringView name)
{
    return valueOf(kStatusNames, name);
}

const QList<IncidentStatus>& allStatuses()
{
    static const QList<IncidentStatus> list = [] {
        QList<IncidentStatus> l;
        for (const auto& entry : kStatusNames)
            l.append(entry.first);
        return l;
    }();
    return list;
}

QString severityName(Severity severity)
{
    return QStringLiteral("SEV-%1").arg(static_cast<int>(severity));
}

std::optional<Severity> severityFromName(QStringView name)
{
    if (name.size() != 5 || !name.startsWith(u"SEV-"))
        return std::nullopt;
    const int n = name.at(4).digitValue();
    if (n < 1 || n > 4)
        return std::nullopt;
    return static_cast<Severity>(n);
}

bool isResolved(IncidentStatus status)
{
    switch (status) {
    case IncidentStatus::Fixed:
    case IncidentStatus::Expected:
    case IncidentStatus::NoActionNeeded:
    case IncidentStatus::FalsePositive:
        return true;
    case IncidentStatus::Open:
    case IncidentStatus::Acknowledged:
    case IncidentStatus::Investigating:
        return false;
    }
    return false;
}

} // namespace sightline
