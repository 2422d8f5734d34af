import Cryptography
import Testing

struct ConstantTimeTests {
    @Test func equalBuffersCompareEqual() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func buffersDifferingInOneByteCompareUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
    }

    @Test func buffersOfDifferentLengthsCompareUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }

    @Test func stringsCompareByUTF8Bytes() {
        #expect(ConstantTime.equals("sha256=ab12", "sha256=ab12"))
        #expect(!ConstantTime.equals("sha256=ab12", "sha256=AB12"))
        #expect(!ConstantTime.equals("sha256=ab12", "sha256=ab1"))
    }
}
