@testable import Delivery
import Testing

@Suite("Dispatcher: a webhook's pause after slow-down signals")
struct ThrottlePauseTests {
    let start = ContinuousClock.now

    @Test func pausesGrowFromOneSecondToAMinuteAndStartOverAfterASuccess() {
        var pause = ThrottlePause<ContinuousClock.Instant>()
        #expect(!pause.isPaused(at: start))
        var ends: [Duration] = []
        for _ in 0..<8 {
            ends.append(start.duration(to: pause.signal(retryAfter: nil, at: start)) )
            pause = ThrottlePause.fresh(keepingGrowthOf: pause)
        }
        #expect(ends == [1, 2, 4, 8, 16, 32, 60, 60].map { .seconds($0) })
        pause.succeeded()
        #expect(start.duration(to: pause.signal(retryAfter: nil, at: start)) == .seconds(1))
    }

    @Test func retryAfterLengthensButNeverShortensAndIsCapped() {
        var pause = ThrottlePause<ContinuousClock.Instant>()
        #expect(pause.signal(retryAfter: .seconds(5), at: start) == start + .seconds(5))
        #expect(pause.isPaused(at: start + .seconds(4)) && !pause.isPaused(at: start + .seconds(5)))
        // A later, shorter signal keeps the running pause.
        #expect(pause.signal(retryAfter: .zero, at: start + .seconds(1)) == start + .seconds(5))
        var hostile = ThrottlePause<ContinuousClock.Instant>()
        #expect(hostile.signal(retryAfter: .seconds(31_536_000), at: start) == start + .seconds(3_600))
    }
}

extension ThrottlePause {
    /// A pause that has ended but remembers how far it grew (as if the signals came one pause apart).
    static func fresh(keepingGrowthOf pause: Self) -> Self {
        var copy = pause
        copy.forgetRunningPause()
        return copy
    }
}
