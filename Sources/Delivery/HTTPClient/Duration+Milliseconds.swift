extension Duration {
    /// Whole milliseconds, rounded up, never negative, saturating at `Int.max`: what curl's `_MS` options take.
    var wholeMillisecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow, milliseconds < Int64(Int.max) - 1_000 else { return Int.max }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(milliseconds + fraction)
    }
}
