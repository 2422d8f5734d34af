internal import Glibc

/// Nanoseconds of `CLOCK_MONOTONIC`, for deadlines inside the event loops.
enum MonotonicClock {
    /// The current monotonic time in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to 0...UInt64.max / 4 so deadlines never overflow.
    var clampedNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let limit = UInt64.max / 4
        guard seconds < Int64(limit / 1_000_000_000) else { return limit }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
