public import Foundation

// STAND-IN: the lead replaces this file with the chat-message helper's `ChatMessage.swift` when merging; it only
// lets the payload formats compile and be tested before then.

/// A chat message about an event, for Slack's and Discord's incoming webhooks.
public enum ChatMessage {
    /// A Slack incoming-webhook message.
    public static func slack(eventType: EventType, data: JSONValue, occurredAt: Date, chatbotId: String, dashboardURL: String?, isTest: Bool) -> [UInt8] {
        JSONValue.object([JSONValue.Member(key: "text", value: .string(eventType.summary))]).compactJSON
    }

    /// A Discord webhook message.
    public static func discord(eventType: EventType, data: JSONValue, occurredAt: Date, chatbotId: String, dashboardURL: String?, isTest: Bool) -> [UInt8] {
        JSONValue.object([JSONValue.Member(key: "content", value: .string(eventType.summary))]).compactJSON
    }
}
