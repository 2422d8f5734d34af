internal import Glibc

/// SIGTERM and SIGINT, the requests to stop a process, taken with `sigwait` rather than a handler.
///
/// ``blockInThisThread()`` must run first, before any other thread exists, so that every thread inherits the
/// mask: a signal no thread takes stays pending until ``wait()`` takes it. With one thread that left it unblocked,
/// the kernel could deliver SIGTERM there and shutdown would never start.
public enum TerminationSignal {
    /// Blocks SIGTERM and SIGINT in the calling thread and in the threads it starts from now on.
    public static func blockInThisThread() {
        var signals = terminationSignals
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Blocks until SIGTERM or SIGINT arrives and returns its number. Later ones stay pending, and so are ignored.
    @discardableResult
    public static func wait() -> Int32 {
        var signals = terminationSignals
        var number: Int32 = 0
        while sigwait(&signals, &number) != 0 {}
        return number
    }

    private static var terminationSignals: sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        return signals
    }
}
