/// An incremental decoder of the `chunked` transfer coding (RFC 9112 §7.1).
///
/// Chunk extensions are skipped (none is recognised: RFC 9112 §7.1.1), trailer fields are read and discarded
/// (§7.1.2), a bare LF is accepted in place of CRLF (§2.2).
struct ChunkedBodyDecoder {
    private enum State {
        case size
        case sizeWhitespace
        case sizeExtension
        case sizeLineFeed
        case data(remaining: Int)
        case dataCarriageReturn
        case dataLineFeed
        case trailerLineStart
        case trailerLine
        case finalLineFeed
    }

    /// The decoded body so far.
    private(set) var body: [UInt8] = []
    private var state = State.size
    private var chunkSize = 0
    private var hasSizeDigit = false
    private var significantSizeDigits = 0
    private var lineBytes = 0
    private var trailerBytes = 0

    /// Consumes bytes of `input`; returns how many were used and whether the body is complete
    /// (the bytes after the end of the body are left for the next request).
    mutating func decode(
        _ input: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits
    ) throws(HTTPParseError) -> (consumed: Int, complete: Bool) {
        var index = 0
        while index < input.count {
            if case .data(let remaining) = state {
                let take = min(remaining, input.count - index)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index + take)]))
                index += take
                state = take == remaining ? .dataCarriageReturn : .data(remaining: remaining - take)
                continue
            }
            let byte = input[index]
            index += 1
            if try consume(byte, limits: limits) {
                return (index, true)
            }
        }
        return (index, false)
    }

    /// Advances the state machine by one framing byte; returns true when the body is complete.
    private mutating func consume(_ byte: UInt8, limits: HTTPParserLimits) throws(HTTPParseError) -> Bool {
        switch state {
        case .size:
            if let digit = ASCII.hexValue(byte) {
                hasSizeDigit = true
                // Leading zeros do not count towards the overflow guard (RFC 9112 §7.1).
                if chunkSize != 0 || digit != 0 { significantSizeDigits += 1 }
                guard significantSizeDigits <= 15 else { throw .bodyTooLarge }
                chunkSize = chunkSize << 4 | Int(digit)
                try countLineByte(limits)
            } else {
                guard hasSizeDigit else { throw .invalidChunk }
                try endOfSizeDigits(byte, limits: limits)
            }
        case .sizeWhitespace:
            try endOfSizeDigits(byte, limits: limits)
        case .sizeExtension:
            if byte == ASCII.carriageReturn {
                state = .sizeLineFeed
            } else if byte == ASCII.lineFeed {
                try startChunkData(limits)
            } else {
                guard ASCII.isFieldValueCharacter(byte) else { throw .invalidChunk }
                try countLineByte(limits)
            }
        case .sizeLineFeed:
            guard byte == ASCII.lineFeed else { throw .invalidChunk }
            try startChunkData(limits)
        case .data:
            preconditionFailure("chunk data is copied in bulk by decode(_:limits:)")
        case .dataCarriageReturn:
            if byte == ASCII.carriageReturn {
                state = .dataLineFeed
            } else if byte == ASCII.lineFeed {
                resetSizeLine()
            } else {
                throw .invalidChunk
            }
        case .dataLineFeed:
            guard byte == ASCII.lineFeed else { throw .invalidChunk }
            resetSizeLine()
        case .trailerLineStart:
            if byte == ASCII.carriageReturn {
                state = .finalLineFeed
            } else if byte == ASCII.lineFeed {
                return true
            } else {
                try countTrailerByte(limits)
                state = .trailerLine
            }
        case .trailerLine:
            try countTrailerByte(limits)
            if byte == ASCII.lineFeed { state = .trailerLineStart }
        case .finalLineFeed:
            guard byte == ASCII.lineFeed else { throw .invalidChunk }
            return true
        }
        return false
    }

    private mutating func endOfSizeDigits(_ byte: UInt8, limits: HTTPParserLimits) throws(HTTPParseError) {
        switch byte {
        case ASCII.space, ASCII.tab:
            state = .sizeWhitespace
            try countLineByte(limits)
        case ASCII.semicolon:
            state = .sizeExtension
            try countLineByte(limits)
        case ASCII.carriageReturn:
            state = .sizeLineFeed
        case ASCII.lineFeed:
            try startChunkData(limits)
        default:
            throw .invalidChunk
        }
    }

    private mutating func startChunkData(_ limits: HTTPParserLimits) throws(HTTPParseError) {
        if chunkSize == 0 {
            state = .trailerLineStart
            return
        }
        guard chunkSize <= limits.maxBodyBytes - body.count else { throw .bodyTooLarge }
        body.reserveCapacity(body.count + chunkSize)
        state = .data(remaining: chunkSize)
    }

    private mutating func resetSizeLine() {
        state = .size
        chunkSize = 0
        hasSizeDigit = false
        significantSizeDigits = 0
        lineBytes = 0
    }

    private mutating func countLineByte(_ limits: HTTPParserLimits) throws(HTTPParseError) {
        lineBytes += 1
        guard lineBytes <= limits.maxChunkLineBytes else { throw .invalidChunk }
    }

    private mutating func countTrailerByte(_ limits: HTTPParserLimits) throws(HTTPParseError) {
        trailerBytes += 1
        guard trailerBytes <= limits.maxHeaderBytes else { throw .headersTooLarge }
    }
}
