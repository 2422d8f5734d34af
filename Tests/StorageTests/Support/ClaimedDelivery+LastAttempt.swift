import Storage

extension ClaimedDelivery {
    /// Whether this attempt is the last of its budget: a failure now makes the delivery `failed` (what
    /// `RetryPolicy` decides in the product; the queue tests state it directly).
    var isLastAttempt: Bool { budgetAttempt > maxRetries }
}
