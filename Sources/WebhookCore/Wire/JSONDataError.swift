/// Why a producer's `data` JSON was refused by `DeliveryEnvelope.canonicalData(_:)`; the publish API answers it
/// with 422 naming the `data` field.
public struct JSONDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset in the input where the problem was found.
    public let offset: Int
    /// A sentence for people, e.g. `expected ',' or '}' after an object member`.
    public let message: String

    /// Creates an error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// The message and the offset, e.g. `invalid JSON at byte 12: expected a value`.
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
