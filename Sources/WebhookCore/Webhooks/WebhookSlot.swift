/// A named slot of a chatbot's per-website webhook settings: the one simple form the seed documents show instead
/// of a list. Seed 000 has one endpoint for every event (`all`); seed 001 has a URL and a token each for messages,
/// escalations and leads. Each filled slot is an ordinary webhook underneath, in the list and in the log.
public enum WebhookSlot: String, CaseIterable, Sendable {
    /// Seed 000: every event, with an optional secret in `X-Webhook-Secret`.
    case all
    /// Seed 001's Messages webhook (`ADD_MESSAGE`).
    case messages
    /// Seed 001's Escalation webhook (`CONVERSATION_ESCALATED`).
    case escalations
    /// Seed 001's Leads webhook (`NEW_LEAD_CAPTURE`).
    case leads

    /// The payload format of the slot's webhook: the document the slot comes from.
    public var payloadFormat: PayloadFormat {
        self == .all ? .suppabot : .sitegpt
    }

    /// What the slot's webhook subscribes to.
    public var eventTypes: [String] {
        switch self {
        case .all: ["*"]
        case .messages: ["ADD_MESSAGE"]
        case .escalations: ["CONVERSATION_ESCALATED"]
        case .leads: ["NEW_LEAD_CAPTURE"]
        }
    }

    /// The slot's webhook's name, shown in the list.
    public var webhookName: String {
        switch self {
        case .all: "Website settings: all events"
        case .messages: "Website settings: messages"
        case .escalations: "Website settings: escalations"
        case .leads: "Website settings: leads"
        }
    }

    /// The member names a slot's secret may be given under: seed 001 calls it a token.
    public var secretFieldNames: [String] {
        self == .all ? ["secret"] : ["secret", "token"]
    }

    /// Whether a new slot needs a secret: seed 001 marks its tokens required; seed 000's secret is optional.
    public var requiresSecret: Bool {
        self != .all
    }

    /// The signature scheme of the slot's webhook: the secret itself in `X-Webhook-Secret`/`X-Webhook-Token` (spelt
    /// `X-WEBHOOK-TOKEN` for seed 001), as both documents send it. A seed 000 slot without a secret signs with
    /// Standard Webhooks instead, so no secret header reaches a receiver that set none (its check compares the
    /// header with an unset variable).
    public func signatureScheme(hasSecret: Bool) -> SignatureScheme {
        hasSecret ? .token : .standard
    }

    /// How many characters a slot's caller-chosen secret must have: as short as the seeds' own examples
    /// (`abc-leads-xyz`), which the general API's 16-character floor would refuse.
    public static let secretCharacterCounts = 8...256

    /// Checks a slot's caller-chosen secret: 8 to 256 printable ASCII characters without spaces.
    /// - Throws: `WebhookValidationError` on `<slot>.<field>`.
    public func validatedSecret(_ text: String, field: String) throws(WebhookValidationError) -> WebhookSecret {
        guard Self.secretCharacterCounts.contains(text.utf8.count), text.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw WebhookValidationError(field: "\(rawValue).\(field)",
                                         message: "must be 8 to 256 printable ASCII characters without spaces")
        }
        return WebhookSecret(stored: text)
    }
}
