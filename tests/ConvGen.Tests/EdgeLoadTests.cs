using System.Runtime.Intrinsics;
using ConvGen.Internal.Simd;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// <see cref="EdgeLoad.Row{TOps, TVec}"/>, the load a generated forward pass uses at the output's left and right
/// edges: every start from a vector wholly left of the row to one wholly right of it, on every path. The row sits
/// between NaN sentinels, so a read outside it would show up in a lane; lanes outside the row must be +0.0 (the bits of
/// the zero padding), lanes inside the row's values.
/// </summary>
public class EdgeLoadTests
{
    private const int Guard = 16;

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(32)]
    public void LanesOutsideTheRowAreZeroAndNothingOutsideIsRead(int length)
    {
        var buffer = new float[Guard + length + Guard];
        Array.Fill(buffer, float.NaN);
        for (int i = 0; i < length; i++)
            buffer[Guard + i] = i + 1;
        Check<Simd256, Vector256<float>>(buffer, length, v => Enumerable.Range(0, 8).Select(i => v.GetElement(i)).ToArray());
        Check<Simd128, Vector128<float>>(buffer, length, v => Enumerable.Range(0, 4).Select(i => v.GetElement(i)).ToArray());
        Check<SimdScalar, float>(buffer, length, v => [v]);
    }

    private static void Check<TOps, TVec>(float[] buffer, int length, Func<TVec, float[]> lanes)
        where TOps : struct, ISimd<TVec> where TVec : unmanaged
    {
        ref float row = ref buffer[Guard];
        for (int start = -TOps.Count - 1; start <= length + 1; start++)
        {
            float[] got = lanes(EdgeLoad.Row<TOps, TVec>(ref row, start, length));
            for (int i = 0; i < TOps.Count; i++)
            {
                int column = start + i;
                float expected = column >= 0 && column < length ? column + 1 : 0f;
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(got[i]),
                    $"{typeof(TOps).Name}, row of {length}, start {start}: lane {i} is {got[i]}, expected {expected}");
            }
        }
    }
}
