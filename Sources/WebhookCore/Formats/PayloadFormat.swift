/// How a webhook's deliveries are written: our own envelope, one of the seed documents' wire contracts, or a chat
/// message. The raw values are the API's `payloadFormat` names.
///
/// A format fixes the event names a receiver sees (and may subscribe with), the body's shape, the header names,
/// and the signature scheme used when a webhook names none. An event type a format has no name for is not sent to
/// webhooks of that format.
public enum PayloadFormat: String, CaseIterable, Sendable {
    /// `{"id","event","timestamp","chatbotId","data"}` with the catalogue's canonical names.
    case standard
    /// Seed 000: `{"event","timestamp","websiteId","data"}`, `visitor_created` and `conversation_ended`.
    case suppabot
    /// Seed 001: `{"event","data"}` with `ADD_MESSAGE`, `CONVERSATION_ESCALATED`, `NEW_LEAD_CAPTURE`.
    case sitegpt
    /// Seed 002: `{"event","timestamp","data"}` with `message.received` and `conversation.started`.
    case livechat
    /// Seed 003: `{"event","timestamp","site_id","data"}` with `X-Agentbot-*` headers.
    case agentbot
    /// Seed 004: `{"event","timestamp":<unix>,"data","chatbotId"}` with `LEAD_CREATED`.
    case pollybot
    /// A Slack incoming-webhook message (`text` and `blocks`).
    case slack
    /// A Discord webhook message (`content` and `embeds`).
    case discord

    /// The name this format gives canonical event type `type`, or `nil` when it has none (nothing is sent then).
    public func eventName(for type: String) -> String? {
        switch self {
        case .standard, .slack, .discord: EventType.named(type) == nil ? nil : type
        default: Self.seedNames[self]?[type]
        }
    }

    /// The canonical event types this format sends, in catalogue order.
    public var eventTypes: [EventType] {
        EventType.catalogue.filter { eventName(for: $0.name) != nil }
    }

    /// The canonical event type that subscription entry `name` denotes for a webhook of this format: one of the
    /// format's own names, or a canonical name (or, for the formats that use canonical names, an alias) of a type
    /// the format sends. `nil` when the format knows no such event.
    public func eventType(named name: String) -> EventType? {
        if let own = Self.seedNames[self]?.first(where: { $0.value == name }) { return EventType.named(own.key) }
        guard let type = EventType.named(name), eventName(for: type.name) != nil else { return nil }
        switch self {
        case .standard, .slack, .discord: return type
        default: return type.name == name ? type : nil
        }
    }

    /// Whether `entry` is a valid subscription entry for this format: a name ``eventType(named:)`` knows, `*`, or
    /// `<prefix>.*` for a prefix of a canonical type the format sends.
    public func isValidSubscription(_ entry: String) -> Bool {
        if entry == "*" || eventType(named: entry) != nil { return true }
        guard entry.hasSuffix(".*") else { return false }
        let prefix = entry.dropLast(2)
        return eventTypes.contains { $0.name.hasPrefix(prefix + ".") }
    }

    /// The seed format a create body that names no format implies: the one whose document the subscriptions come
    /// from, when at least one entry is a name only that document uses (seed 004's `LEAD_CREATED`, seed 001's
    /// `NEW_LEAD_CAPTURE`, ...) and every entry is valid for it. Canonical names and wildcards imply nothing.
    /// So a receiver written from a seed document gets that document's payloads from that document's own create
    /// body.
    public static func implied(bySubscriptions entries: [String]) -> PayloadFormat? {
        var implied: Set<PayloadFormat> = []
        for entry in entries where EventType.named(entry)?.name != entry {
            for (format, names) in seedNames where names.values.contains(entry) { implied.insert(format) }
        }
        guard implied.count == 1, let format = implied.first,
              entries.allSatisfy({ format.isValidSubscription($0) }) else { return nil }
        return format
    }

    /// What a test send delivers to a webhook of this format subscribed to `subscriptions`: `webhook.test` where
    /// the format has a name for it, otherwise (the seed formats, whose receivers know only their own events) the
    /// first subscribed event the format sends, with the catalogue's example data, so the receiver recognises it.
    public func testEventType(subscriptions: [String]) -> EventType {
        if eventName(for: "webhook.test") != nil, let test = EventType.named("webhook.test") { return test }
        let sent = eventTypes
        for entry in subscriptions {
            let match: EventType? = if entry == "*" {
                sent.first
            } else if entry.hasSuffix(".*") {
                sent.first { $0.name.hasPrefix(entry.dropLast()) }
            } else {
                eventType(named: entry)
            }
            if let match { return match }
        }
        return sent.first ?? EventType.catalogue[0]
    }

    /// The signature scheme of a webhook that names none: the one its seed document verifies.
    public var defaultSignatureScheme: SignatureScheme {
        switch self {
        case .standard, .slack, .discord: .standard
        case .suppabot, .sitegpt: .token
        case .livechat: .hmacSHA256
        case .agentbot: .timestamped
        case .pollybot: .hmacSHA256Prefixed
        }
    }

    /// The prefix of the delivery and signature headers: the seed documents' own (`X-Agentbot` for seed 003,
    /// `X-Webhook` for the others) whatever the deployment's, which the standard and chat formats use.
    public func headerPrefix(deployment: String) -> String {
        switch self {
        case .standard, .slack, .discord: deployment
        case .agentbot: "X-Agentbot"
        case .suppabot, .sitegpt, .livechat, .pollybot: "X-Webhook"
        }
    }

    /// Whether bodies in this format can carry links into the deployment's dashboard (`WEBHOOKS_DASHBOARD_URL`):
    /// seed 001's `dashboardUrl` and the chat messages' link.
    public var linksToDashboard: Bool {
        switch self {
        case .sitegpt, .slack, .discord: true
        case .standard, .suppabot, .livechat, .agentbot, .pollybot: false
        }
    }

    /// A header's name as this format's document spells it (seed 001 writes `X-WEBHOOK-TOKEN`). Header names are
    /// case-insensitive, but receivers compared by eye and by documentation see the promised spelling.
    public func spelling(ofHeader name: String) -> String {
        self == .sitegpt && name == "X-Webhook-Token" ? "X-WEBHOOK-TOKEN" : name
    }

    /// Each seed format's names, by canonical type.
    private static let seedNames: [PayloadFormat: [String: String]] = [
        .suppabot: ["visitor.created": "visitor_created", "conversation.ended": "conversation_ended"],
        .sitegpt: [
            "message.created": "ADD_MESSAGE", "conversation.escalated": "CONVERSATION_ESCALATED",
            "lead.created": "NEW_LEAD_CAPTURE",
        ],
        .livechat: ["message.created": "message.received", "conversation.started": "conversation.started"],
        .agentbot: [
            "conversation.started": "conversation.created", "conversation.ended": "conversation.closed",
            "message.created": "message.created", "conversation.escalated": "conversation.needs_human",
            "ticket.created": "ticket.created", "ticket.updated": "ticket.updated",
        ],
        .pollybot: [
            "lead.created": "LEAD_CREATED", "lead.updated": "LEAD_UPDATED",
            "conversation.started": "CONVERSATION_STARTED", "conversation.ended": "CONVERSATION_RESOLVED",
        ],
    ]
}
