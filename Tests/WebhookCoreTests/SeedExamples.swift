import Foundation
import WebhookCore

/// Each seed document's example payloads, copied verbatim from /work/shared/seeds/ into `Verifiers/examples/`,
/// with what a delivery that reproduces them must be given: the format, the canonical type, the chatbot id and the
/// instant they show.
struct SeedExample: CustomStringConvertible, Sendable {
    let seed: String
    let format: PayloadFormat
    let type: String
    let chatbotId: String
    let occurredAt: Date
    /// The whole body as the document prints it (from `Verifiers/examples/`, shared with the live receiver tests).
    let document: String

    init(seed: String, format: PayloadFormat, type: String, chatbotId: String, occurredAt: Date, file: String) {
        self.seed = seed
        self.format = format
        self.type = type
        self.chatbotId = chatbotId
        self.occurredAt = occurredAt
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Verifiers/examples/\(file)")
        document = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    var description: String { "seed \(seed) \(format.rawValue) \(type)" }

    /// The document's body as compact JSON (as `JSON.stringify(JSON.parse(document))` writes it).
    var documentBytes: [UInt8] {
        (try? DeliveryEnvelope.canonicalData(Array(document.utf8))) ?? []
    }

    /// The event name the document shows.
    var eventName: String {
        (try? DeliveryEnvelope.canonicalMember("event", ofObject: Array(document.utf8))).flatMap { $0 }
            .map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? ""
    }

    /// The document's `data`, as a producer publishes it.
    var data: [UInt8] {
        (try? DeliveryEnvelope.canonicalMember("data", ofObject: Array(document.utf8))).flatMap { $0 } ?? []
    }

    static func at(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso) ?? Date(timeIntervalSince1970: 0)
    }

    static let all: [SeedExample] = [
        SeedExample(seed: "000", format: .suppabot, type: "visitor.created", chatbotId: "web_abc123",
                    occurredAt: at("2025-01-15T10:30:00Z"), file: "seed000-visitor_created.json"),
        SeedExample(seed: "000", format: .suppabot, type: "conversation.ended", chatbotId: "web_abc123",
                    occurredAt: at("2025-01-15T10:45:00Z"), file: "seed000-conversation_ended.json"),
        SeedExample(seed: "001", format: .sitegpt, type: "message.created", chatbotId: "chatbot_123",
                    occurredAt: at("2024-01-15T10:30:00Z"), file: "seed001-ADD_MESSAGE.json"),
        SeedExample(seed: "001", format: .sitegpt, type: "conversation.escalated", chatbotId: "chatbot_123",
                    occurredAt: at("2024-01-15T10:30:00Z"), file: "seed001-CONVERSATION_ESCALATED.json"),
        SeedExample(seed: "001", format: .sitegpt, type: "lead.created", chatbotId: "chatbot_123",
                    occurredAt: at("2024-01-15T10:30:00Z"), file: "seed001-NEW_LEAD_CAPTURE.json"),
        SeedExample(seed: "002", format: .livechat, type: "conversation.started", chatbotId: "",
                    occurredAt: at("2025-01-15T10:30:00Z"), file: "seed002-conversation.started.json"),
        SeedExample(seed: "002", format: .livechat, type: "message.created", chatbotId: "",
                    occurredAt: at("2025-01-15T10:31:00Z"), file: "seed002-message.received.json"),
        SeedExample(seed: "003", format: .agentbot, type: "message.created", chatbotId: "site_abc",
                    occurredAt: at("2026-05-17T12:34:56Z"), file: "seed003-message.created.json"),
        SeedExample(seed: "004", format: .pollybot, type: "lead.created", chatbotId: "clp123chatbot456",
                    occurredAt: Date(timeIntervalSince1970: 1_699_123_456), file: "seed004-LEAD_CREATED.json"),
    ]
}
