import Foundation

extension EventType {
    /// How each format that sends this type shows it, in `PayloadFormat` order: the name receivers see and the
    /// body of this type's example `data`, rendered with ``exampleContext``.
    public var formats: [(format: PayloadFormat, name: String, exampleBody: [UInt8])] {
        PayloadFormat.allCases.compactMap { format in
            guard let name = format.eventName(for: self.name),
                  let body = format.body(eventType: self, data: documentation.example.compactJSON, context: Self.exampleContext)
            else { return nil }
            return (format, name, body)
        }
    }

    /// The fixed context the catalogue's example bodies are rendered with, so they are the same on every server
    /// and in the checked-in catalogue.
    public static let exampleContext = PayloadContext(
        deliveryId: "0b8f2c1e-6a4d-4f3b-9e2a-7c5d1f0a3b4e",
        chatbotId: "3c9e1f7a-2b5d-4e8c-a1f6-9d0b7e4c2a58",
        occurredAt: Date(timeIntervalSince1970: 1_736_937_000), // 2025-01-15T10:30:00Z, the seeds' example time
        dashboardURL: "https://app.example.com/chatbots",
        isTest: false)
}
