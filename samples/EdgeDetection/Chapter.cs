namespace EdgeDetection;

/// <summary>The chapter's data.</summary>
internal static class Chapter
{
    /// <summary>X = torch.ones((6, 8)); X[:, 2:6] = 0.</summary>
    public static float[,] Image()
    {
        var x = new float[6, 8];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 8; j++)
                x[i, j] = j is >= 2 and < 6 ? 0f : 1f;
        return x;
    }
}
