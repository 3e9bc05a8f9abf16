namespace FilterBank;

/// <summary>Grey-scale training images drawn in code: rectangles, discs and stripes on a plain background.</summary>
internal static class Shapes
{
    /// <summary>Draws <paramref name="count"/> images of <paramref name="size"/>², NCHW with one channel, values in [0, 1].</summary>
    public static float[] Draw(int count, int size, int seed)
    {
        var random = new Random(seed);
        var images = new float[count * size * size];
        for (int n = 0; n < count; n++)
        {
            var image = images.AsSpan(n * size * size, size * size);
            image.Fill((float)(random.NextDouble() * 0.3));
            int shapes = 1 + random.Next(3);
            for (int s = 0; s < shapes; s++)
            {
                float level = (float)(0.3 + random.NextDouble() * 0.7);
                switch (random.Next(3))
                {
                    case 0: Rectangle(image, size, random, level); break;
                    case 1: Disc(image, size, random, level); break;
                    default: Stripes(image, size, random, level); break;
                }
            }
        }
        return images;
    }

    private static void Rectangle(Span<float> image, int size, Random random, float level)
    {
        int top = random.Next(size - 4), left = random.Next(size - 4);
        int bottom = top + 3 + random.Next(size - top - 3), right = left + 3 + random.Next(size - left - 3);
        for (int i = top; i < bottom; i++)
            image.Slice(i * size + left, right - left).Fill(level);
    }

    private static void Disc(Span<float> image, int size, Random random, float level)
    {
        double cy = random.NextDouble() * size, cx = random.NextDouble() * size, r = 2 + random.NextDouble() * size / 3;
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                if ((i - cy) * (i - cy) + (j - cx) * (j - cx) <= r * r)
                    image[i * size + j] = level;
    }

    private static void Stripes(Span<float> image, int size, Random random, float level)
    {
        // Vertical, horizontal or diagonal bands of a random period.
        int period = 3 + random.Next(6), direction = random.Next(3);
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                int t = direction switch { 0 => j, 1 => i, _ => i + j };
                if (t % period < period / 2)
                    image[i * size + j] = level;
            }
    }
}
