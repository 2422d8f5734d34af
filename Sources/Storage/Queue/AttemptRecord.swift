public import Foundation

/// One logged attempt of a delivery.
public struct AttemptRecord: Sendable, Equatable {
    /// The attempt's number over the delivery's life, from 1.
    public let attemptNumber: Int
    /// When the request started.
    public let startedAt: Date
    /// How long it took, in milliseconds.
    public let durationMs: Int
    /// The HTTP status received, if any.
    public let statusCode: Int?
    /// Why it failed, if it did.
    public let error: String?
    /// The first 4 KiB of the response body.
    public let responseBody: String?
    /// The request as sent; `nil` when none was, and for attempts logged before requests were kept.
    public let request: AttemptRequest?

    /// Creates an attempt record.
    public init(attemptNumber: Int, startedAt: Date, durationMs: Int, statusCode: Int?, error: String?,
                responseBody: String?, request: AttemptRequest?) {
        self.attemptNumber = attemptNumber
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.statusCode = statusCode
        self.error = error
        self.responseBody = responseBody
        self.request = request
    }
}
