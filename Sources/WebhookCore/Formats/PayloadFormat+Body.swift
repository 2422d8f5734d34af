import Foundation

extension PayloadFormat {
    /// The body of a delivery of `type` whose canonical `data` is `data` (compact JSON as stored), or `nil` when this format has no name for `type`.
    ///
    /// `standard` is `DeliveryEnvelope.body(...)`, byte for byte. Each seed format writes its document's envelope
    /// (member names and order, event name, timestamp form, the chatbot id under the document's name) around
    /// `data` in that document's shape, derived from the canonical one (see `docs/formats.md`); members a producer
    /// added beyond the catalogue's schema pass through at the end of `data`. `slack` and `discord` are chat
    /// messages (``ChatMessage``). Every body is compact JSON equal to `JSON.stringify(JSON.parse(body))`.
    public func body(eventType: EventType, data: [UInt8], context: PayloadContext) -> [UInt8]? {
        guard let name = eventName(for: eventType.name) else { return nil }
        switch self {
        case .standard:
            return DeliveryEnvelope.body(
                deliveryId: context.deliveryId, eventType: name, timestamp: context.occurredAt,
                chatbotId: context.chatbotId, dataJSON: data)
        case .slack:
            let value = Self.parsed(data)
            return ChatMessage.slack(
                eventType: eventType, data: value, occurredAt: context.occurredAt, chatbotId: context.chatbotId,
                dashboardURL: context.subjectLink(for: eventType, data: value), isTest: context.isTest)
        case .discord:
            let value = Self.parsed(data)
            return ChatMessage.discord(
                eventType: eventType, data: value, occurredAt: context.occurredAt, chatbotId: context.chatbotId,
                dashboardURL: context.subjectLink(for: eventType, data: value), isTest: context.isTest)
        case .suppabot, .sitegpt, .livechat, .agentbot, .pollybot:
            let seedData = SeedData(type: eventType, data: Self.parsed(data), context: context).rendered(in: self)
            return seedEnvelope(name: name, data: seedData, context: context).compactJSON
        }
    }

    /// The seed document's envelope around `data`.
    private func seedEnvelope(name: String, data: JSONValue, context: PayloadContext) -> JSONValue {
        var envelope = MemberList()
        envelope.set("event", .string(name))
        switch self {
        case .suppabot:
            envelope.set("timestamp", .string(WireTimestamp.iso8601(context.occurredAt)))
            envelope.set("websiteId", .string(context.chatbotId))
            envelope.set("data", data)
        case .sitegpt:
            envelope.set("data", data)
            // Seed 001's own "Validate payloads" snippet refuses a body without a top-level chatbotId.
            envelope.set("chatbotId", .string(context.chatbotId))
        case .livechat:
            envelope.set("timestamp", .string(WireTimestamp.iso8601Seconds(context.occurredAt, zone: "+00:00")))
            envelope.set("data", data)
        case .agentbot:
            envelope.set("timestamp", .string(WireTimestamp.iso8601Seconds(context.occurredAt, zone: "Z")))
            envelope.set("site_id", .string(context.chatbotId))
            envelope.set("data", data)
        case .pollybot:
            envelope.set("timestamp", .number(Double(WireTimestamp.unixSeconds(context.occurredAt))))
            envelope.set("data", data)
            envelope.set("chatbotId", .string(context.chatbotId))
        case .standard, .slack, .discord:
            break
        }
        return envelope.object
    }

    /// Stored `data` as a value; an empty object should it not be JSON (it always is: it was canonicalised when
    /// published), so a damaged row cannot stop a delivery.
    private static func parsed(_ data: [UInt8]) -> JSONValue {
        (try? JSONValue.parse(data)) ?? .object([])
    }
}
