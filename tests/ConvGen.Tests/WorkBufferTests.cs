using System.Runtime.CompilerServices;
using ConvGen.Internal;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// <see cref="WorkBuffer"/>, the generated layers' work buffers: the first float on a cache line whatever
/// address the array got, zeroed like <c>new float[]</c>, and grown only when a call needs more.
/// </summary>
public class WorkBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(65536)] // on the large-object side of the pinned heap
    public void StartsOnACacheLineAndIsZeroed(int length)
    {
        // Many buffers: the GC hands out arrays at different offsets, and every one must come out aligned.
        for (int i = 0; i < 64; i++)
        {
            var buffer = new WorkBuffer(length);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.Equal(0, Address(ref buffer.Start) % WorkBuffer.Alignment);
            Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0, "a new buffer must read as zeros");
            if (length > 0)
                Assert.True(Unsafe.AreSame(ref buffer.Start, ref buffer.Span[0]));
        }
    }

    [Fact]
    public void EnsureKeepsTheStorageWhenLargeEnoughAndGrowsZeroedWhenNot()
    {
        var buffer = new WorkBuffer(10);
        buffer.Span.Fill(3f);

        var smaller = buffer.Ensure(4);
        Assert.Equal(4, smaller.Length);
        Assert.True(Unsafe.AreSame(ref smaller[0], ref buffer.Start));
        Assert.Equal(10, buffer.Length);
        Assert.Equal(3f, smaller[3]);

        var larger = buffer.Ensure(1000);
        Assert.Equal(1000, larger.Length);
        Assert.Equal(1000, buffer.Length);
        Assert.Equal(0, Address(ref buffer.Start) % WorkBuffer.Alignment);
        Assert.True(larger.IndexOfAnyExcept(0f) < 0, "a grown buffer starts as zeros, as a new array did");
    }

    [Fact]
    public void ANegativeLengthIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkBuffer(-1));

    private static unsafe long Address(ref float f) => (long)Unsafe.AsPointer(ref f);
}
