/// Runs the long-lived parts of a process: starts them in order, waits for the stop request, then stops them in
/// reverse order, all within one grace period.
///
/// Later parts may use earlier ones: the HTTP server goes last, so that it starts once everything it hands work
/// to is running, and stops first, so that nothing new arrives while the rest finishes.
public struct ServiceRunner: Sendable {
    /// The parts, in start order.
    public let services: [any Service]

    /// A runner for `services`, in start order.
    public init(_ services: [any Service]) {
        self.services = services
    }

    /// Starts every part in order, calls `waitForStopRequest` (which blocks until the process should stop, e.g.
    /// ``TerminationSignal/wait()``), then stops every part in reverse order, each with the same deadline: the end
    /// of `gracePeriod` from the moment the wait returned.
    ///
    /// When a part fails to start, the parts already started are stopped in reverse (with the same grace period)
    /// and its error is rethrown; `waitForStopRequest` is not called.
    public func run(gracePeriod: Duration, until waitForStopRequest: () -> Void) throws {
        var started: [any Service] = []
        for service in services {
            do {
                try service.start()
            } catch {
                Self.stop(started, deadline: .now + max(.zero, gracePeriod))
                throw error
            }
            started.append(service)
        }
        waitForStopRequest()
        Self.stop(started, deadline: .now + max(.zero, gracePeriod))
    }

    private static func stop(_ started: [any Service], deadline: ContinuousClock.Instant) {
        for service in started.reversed() {
            service.stop(deadline: deadline)
        }
    }
}
