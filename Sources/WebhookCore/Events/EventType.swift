/// A kind of event the platform publishes, with the names the seeds' products use for it.
public struct EventType: Sendable, Hashable {
    /// The canonical dotted name, e.g. `lead.created`.
    public let name: String
    /// Other names a subscription may use for it (the seeds' own names).
    public let aliases: [String]
    /// One sentence on when it fires.
    public let summary: String

    /// The catalogue, in the order `GET /api/v1/event-types` lists it.
    public static let catalogue: [EventType] = [
        EventType(name: "visitor.created", aliases: ["visitor_created", "VISITOR_CREATED"],
                  summary: "A new visitor submitted the lead form."),
        EventType(name: "conversation.started", aliases: ["conversation.created", "CONVERSATION_STARTED", "conversation_started"],
                  summary: "A visitor started a conversation."),
        EventType(name: "message.created", aliases: ["ADD_MESSAGE", "message.received", "message_created"],
                  summary: "A message was added to a conversation (visitor, agent or AI)."),
        EventType(name: "conversation.escalated",
                  aliases: ["CONVERSATION_ESCALATED", "conversation.needs_human", "conversation_escalated"],
                  summary: "A conversation was handed to a human."),
        EventType(name: "conversation.ended",
                  aliases: ["conversation_ended", "conversation.closed", "CONVERSATION_RESOLVED", "CONVERSATION_ENDED"],
                  summary: "A conversation was closed, with its outcome."),
        EventType(name: "lead.created", aliases: ["LEAD_CREATED", "NEW_LEAD_CAPTURE", "lead_created"],
                  summary: "A lead was captured."),
        EventType(name: "lead.updated", aliases: ["LEAD_UPDATED", "lead_updated"],
                  summary: "A lead changed."),
        EventType(name: "ticket.created", aliases: ["TICKET_CREATED", "ticket_created"],
                  summary: "A ticket was filed, by the AI or by hand."),
        EventType(name: "ticket.updated", aliases: ["TICKET_UPDATED", "ticket_updated"],
                  summary: "A ticket's status, priority or assignee changed."),
        EventType(name: "webhook.test", aliases: [],
                  summary: "A test send from the dashboard."),
        webhookDisabled,
        deliveryExhausted,
    ]

    /// The operational events: the service itself publishes them (producers cannot), about the tenant's own
    /// webhooks, to the webhooks of the same chatbot that name them (or their `webhook.*` / `delivery.*` prefix; `*`
    /// does not select them, so a receiver written for chatbot events never meets them unasked). A failing
    /// delivery of one of them raises no further operational event.
    public static let operationalNames: Set<String> = ["webhook.disabled", "delivery.exhausted"]

    /// `webhook.disabled`.
    public static let webhookDisabled = EventType(
        name: "webhook.disabled", aliases: [],
        summary: "One of the chatbot's webhooks was disabled: it failed for too long, or its receiver answered 410 Gone.")
    /// `delivery.exhausted`.
    public static let deliveryExhausted = EventType(
        name: "delivery.exhausted", aliases: [],
        summary: "A delivery to one of the chatbot's webhooks failed its last attempt.")

    /// Whether the service publishes this type itself (``operationalNames``).
    public var isOperational: Bool { Self.operationalNames.contains(name) }

    /// Whether a producer may publish this type through the API: not a test send, not an operational event.
    public var isPublishable: Bool { name != "webhook.test" && !isOperational }

    private static let byName: [String: EventType] = {
        var table: [String: EventType] = [:]
        for type in catalogue {
            table[type.name] = type
            for alias in type.aliases { table[alias] = type }
        }
        return table
    }()

    /// The event type a canonical name or alias denotes, or `nil`.
    public static func named(_ name: String) -> EventType? {
        byName[name]
    }

    /// Every subscription entry that selects this type: its names, its aliases, `<prefix>.*` and `*`.
    /// Publishing matches webhooks whose `eventTypes` contain any of these.
    /// Operational types leave `*` out (see ``operationalNames``).
    public var subscriptionKeys: [String] {
        var keys = [name] + aliases + (isOperational ? [] : ["*"])
        if let dot = name.firstIndex(of: ".") { keys.append(name[..<dot] + ".*") }
        return keys
    }

    /// Whether `entry` is a valid subscription entry: a known name or alias, `*`, or `<prefix>.*` for a prefix
    /// some known type has.
    public static func isValidSubscription(_ entry: String) -> Bool {
        if entry == "*" || byName[entry] != nil { return true }
        guard entry.hasSuffix(".*") else { return false }
        let prefix = entry.dropLast(2)
        return catalogue.contains { $0.name.hasPrefix(prefix + ".") }
    }
}
