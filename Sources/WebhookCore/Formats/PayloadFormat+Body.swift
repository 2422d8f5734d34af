// STAND-IN on the plumbing branch: the formats branch replaces this file.
extension PayloadFormat {
    /// The body of a delivery of `type` whose canonical `data` is `data`, or `nil` when this format has no name for `type`.
    public func body(eventType: EventType, data: [UInt8], context: PayloadContext) -> [UInt8]? {
        guard let name = eventName(for: eventType.name) else { return nil }
        return DeliveryEnvelope.body(deliveryId: context.deliveryId, eventType: name, timestamp: context.occurredAt,
                                     chatbotId: context.chatbotId, dataJSON: data)
    }
}
