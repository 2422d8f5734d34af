internal import Glibc

/// The few Linux calls that Swift's `Glibc` module does not export (`<sys/epoll.h>` and
/// `<sys/eventfd.h>` are not part of it, and `accept4` needs `_GNU_SOURCE`). They are resolved once from the C library with `dlsym`
/// and called through C function pointers, so the C calling convention is respected.
enum LinuxFunctions {
    typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
    typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    /// `int epoll_create1(int flags)`.
    static let epollCreate1: EpollCreate1 = resolve("epoll_create1")
    /// `int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)`.
    static let epollCtl: EpollCtl = resolve("epoll_ctl")
    /// `int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)`.
    static let epollWait: EpollWait = resolve("epoll_wait")
    /// `int eventfd(unsigned int initval, int flags)`.
    static let eventFD: EventFD = resolve("eventfd")
    /// `int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags)`.
    static let accept4: Accept4 = resolve("accept4")

    private static func resolve<Function>(_ name: String) -> Function {
        // A nil handle is RTLD_DEFAULT: search the already loaded C library.
        guard let symbol = dlsym(nil, name) else {
            fatalError("The C library does not provide \(name); Linux is required")
        }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
