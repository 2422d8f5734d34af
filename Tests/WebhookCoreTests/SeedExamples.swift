import Foundation
import WebhookCore

/// Each seed document's example payloads, copied verbatim from /work/shared/seeds/, with what a delivery that
/// reproduces them must be given: the format, the canonical type, the chatbot id and the instant they show.
struct SeedExample: CustomStringConvertible, Sendable {
    let seed: String
    let format: PayloadFormat
    let type: String
    let chatbotId: String
    let occurredAt: Date
    /// The whole body as the document prints it.
    let document: String

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
                    occurredAt: at("2025-01-15T10:30:00Z"), document: #"""
            {
              "event": "visitor_created",
              "timestamp": "2025-01-15T10:30:00.000Z",
              "websiteId": "web_abc123",
              "data": {
                "visitor": {
                  "id": "vis_xyz",
                  "name": "Jane Smith",
                  "email": "jane@example.com",
                  "phone": "+1 555 000 0000",
                  "company": "Acme Corp",
                  "jobTitle": "Marketing Manager",
                  "country": "US",
                  "city": "New York",
                  "referrer": "https://google.com",
                  "firstSeenAt": "2025-01-15T10:29:55.000Z",
                  "lastSeenAt": "2025-01-15T10:30:00.000Z",
                  "interests": ["pricing", "enterprise"],
                  "qualityScore": 82,
                  "urgencyScore": 65
                }
              }
            }
            """#),
        SeedExample(seed: "000", format: .suppabot, type: "conversation.ended", chatbotId: "web_abc123",
                    occurredAt: at("2025-01-15T10:45:00Z"), document: #"""
            {
              "event": "conversation_ended",
              "timestamp": "2025-01-15T10:45:00.000Z",
              "websiteId": "web_abc123",
              "data": {
                "conversation": {
                  "id": "conv_123",
                  "startedAt": "2025-01-15T10:30:00.000Z",
                  "endedAt": "2025-01-15T10:45:00.000Z",
                  "outcome": "lead_captured",
                  "messageCount": 8,
                  "firstMessage": "Hi, I'm interested in your enterprise plan"
                }
              }
            }
            """#),
        SeedExample(seed: "001", format: .sitegpt, type: "message.created", chatbotId: "chatbot_123",
                    occurredAt: at("2024-01-15T10:30:00Z"), document: #"""
            {
              "event": "ADD_MESSAGE",
              "data": {
                "chatbotId": "chatbot_123",
                "threadId": "thread_456",
                "gptModel": "gpt-3.5-turbo",
                "sources": ["https://example.com/docs/page1", "https://example.com/docs/page2"],
                "question": "How do I reset my password?",
                "answer": "To reset your password, click on 'Forgot Password' on the login page.",
                "messageType": "NORMAL_MESSAGE",
                "agentId": null,
                "iconUrl": null,
                "agentName": null,
                "systemMessageType": null
              }
            }
            """#),
        SeedExample(seed: "001", format: .sitegpt, type: "conversation.escalated", chatbotId: "chatbot_123",
                    occurredAt: at("2024-01-15T10:30:00Z"), document: #"""
            {
              "event": "CONVERSATION_ESCALATED",
              "data": {
                "chatbotId": "chatbot_123",
                "threadId": "thread_456",
                "dashboardUrl": "https://sitegpt.ai/chatbot_123/chat-history/thread_456",
                "user": {
                  "id": "user_321",
                  "email": "user@example.com",
                  "name": "John Doe",
                  "phone": "+1234567890",
                  "verified": true,
                  "createdAt": "2024-01-15T10:25:00Z"
                }
              }
            }
            """#),
        SeedExample(seed: "001", format: .sitegpt, type: "lead.created", chatbotId: "chatbot_123",
                    occurredAt: at("2024-01-15T10:30:00Z"), document: #"""
            {
              "event": "NEW_LEAD_CAPTURE",
              "data": {
                "chatbotId": "chatbot_123",
                "chatbotName": "Support Bot",
                "dashboardUrl": "https://sitegpt.ai/chatbot_123/leads/lead_789",
                "leadDetails": {
                  "id": "lead_789",
                  "name": "John Doe",
                  "email": "john@example.com",
                  "phone": "+1234567890",
                  "capturedAt": "2024-01-15T10:30:00Z"
                }
              }
            }
            """#),
        SeedExample(seed: "002", format: .livechat, type: "conversation.started", chatbotId: "",
                    occurredAt: at("2025-01-15T10:30:00Z"), document: #"""
            {
              "event": "conversation.started",
              "timestamp": "2025-01-15T10:30:00+00:00",
              "data": {
                "conversation_id": 123,
                "visitor_name": "John Doe",
                "visitor_email": "[email protected]",
                "visitor_phone": "+1234567890",
                "visitor_ip": "192.168.1.100",
                "current_url": "https://example.com/products",
                "status": "open",
                "created_at": "2025-01-15T10:30:00+00:00"
              }
            }
            """#),
        SeedExample(seed: "002", format: .livechat, type: "message.created", chatbotId: "",
                    occurredAt: at("2025-01-15T10:31:00Z"), document: #"""
            {
              "event": "message.received",
              "timestamp": "2025-01-15T10:31:00+00:00",
              "data": {
                "message_id": 456,
                "content": "Hello, I need help with my order.",
                "is_from_admin": false,
                "admin_name": null,
                "conversation_id": 123,
                "visitor_name": "John Doe",
                "visitor_email": "[email protected]",
                "visitor_phone": "+1234567890",
                "visitor_ip": "192.168.1.100",
                "current_url": "https://example.com/products",
                "status": "open",
                "created_at": "2025-01-15T10:31:00+00:00"
              }
            }
            """#),
        SeedExample(seed: "003", format: .agentbot, type: "message.created", chatbotId: "site_abc",
                    occurredAt: at("2026-05-17T12:34:56Z"), document: #"""
            {
              "event": "message.created",
              "timestamp": "2026-05-17T12:34:56Z",
              "site_id": "site_abc",
              "data": {
                "conversation_id": "conv_xyz",
                "message_id": "msg_123",
                "sender_type": "visitor",
                "body": "Hi, what's your pricing?",
                "visitor_email": null,
                "visitor_name": null
              }
            }
            """#),
        SeedExample(seed: "004", format: .pollybot, type: "lead.created", chatbotId: "clp123chatbot456",
                    occurredAt: Date(timeIntervalSince1970: 1_699_123_456), document: #"""
            {
            "event": "LEAD_CREATED",
            "timestamp": 1699123456,
            "data": {
            "id": "clp123abc456",
            "name": "John Doe",
            "email": "john@example.com",
            "phone": "+1234567890",
            "company": "Acme Corp",
            "message": "Interested in your services",
            "preferredMethod": "email",
            "urgency": "medium",
            "source": "chat_widget",
            "status": "NEW",
            "priority": "MEDIUM",
            "tags": ["website", "inquiry"],
            "customFields": {
            "budget": "10000",
            "timeline": "Q1 2024"
            },
            "chatbotId": "clp123chatbot456",
            "createdAt": "2023-11-04T15:30:56.789Z",
            "updatedAt": "2023-11-04T15:30:56.789Z"
            },
            "chatbotId": "clp123chatbot456"
            }
            """#),
    ]
}
