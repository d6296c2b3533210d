package dev.oxistore.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Horizontal grouped bar charts on a log scale, drawn with {@code java.awt} into PNG files (headless,
 * no dependency). A group is a benchmark (or a store), a bar a series value; a missing value (NaN
 * or not positive) draws no bar but keeps its slot, labelled "n/a".
 */
final class Charts {

    /** Colour-blind-safe palette (Okabe-Ito, then Tol's muted). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9),
        new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000), new Color(0x882255), new Color(0x44AA99),
        new Color(0x999933), new Color(0x888888)};

    private static final int WIDTH = 1200;
    private static final int LEFT = 190;
    private static final int RIGHT = 90;
    private static final int BAR = 13;
    private static final int GAP = 12;

    private Charts() {
    }

    /**
     * Draws {@code values[group][series]} as bars and writes the PNG.
     *
     * @param unit what the axis measures, e.g. "ops/s" or "latency, µs"
     */
    static void bars(Path file, String title, String unit, List<String> groups, List<String> series, double[][] values) {
        System.setProperty("java.awt.headless", "true");
        int legendRows = (series.size() + 5) / 6;
        int top = 60 + legendRows * 20;
        int plotHeight = groups.size() * (series.size() * BAR + GAP);
        int height = top + plotHeight + 50;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            g.drawString(title, 16, 26);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(small);
            for (int i = 0; i < series.size(); i++) {
                int x = 16 + (i % 6) * 190;
                int y = 46 + (i / 6) * 20;
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillRect(x, y - 10, 14, 12);
                g.setColor(Color.BLACK);
                g.drawString(series.get(i), x + 20, y);
            }

            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double[] row : values) {
                for (double v : row) {
                    if (v > 0 && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (hi == 0) {
                lo = 1;
                hi = 10;
            }
            double minExp = Math.floor(Math.log10(lo));
            double maxExp = Math.ceil(Math.log10(hi));
            if (maxExp == minExp) {
                maxExp++;
            }
            int plotLeft = LEFT;
            int plotRight = WIDTH - RIGHT;
            double span = maxExp - minExp;

            // grid and axis labels at powers of ten
            g.setStroke(new BasicStroke(1));
            for (double e = minExp; e <= maxExp; e++) {
                int x = (int) Math.round(plotLeft + (e - minExp) / span * (plotRight - plotLeft));
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x, top - 4, x, top + plotHeight);
                g.setColor(Color.DARK_GRAY);
                String label = human(Math.pow(10, e));
                FontMetrics fm = g.getFontMetrics();
                g.drawString(label, x - fm.stringWidth(label) / 2, top + plotHeight + 16);
            }
            g.drawString(unit + " (log scale)", plotLeft, top + plotHeight + 36);

            int y = top;
            for (int gi = 0; gi < groups.size(); gi++) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                FontMetrics fm = g.getFontMetrics();
                String name = groups.get(gi);
                int groupHeight = series.size() * BAR;
                g.drawString(name, plotLeft - 10 - fm.stringWidth(name), y + groupHeight / 2 + 5);
                g.setFont(small);
                for (int si = 0; si < series.size(); si++) {
                    double v = values[gi][si];
                    int by = y + si * BAR;
                    if (v > 0 && Double.isFinite(v)) {
                        double frac = (Math.log10(v) - minExp) / span;
                        int w = Math.max(1, (int) Math.round(frac * (plotRight - plotLeft)));
                        g.setColor(PALETTE[si % PALETTE.length]);
                        g.fillRect(plotLeft, by + 1, w, BAR - 2);
                        g.setColor(Color.BLACK);
                        g.drawString(human(v), plotLeft + w + 4, by + BAR - 2);
                    } else {
                        g.setColor(Color.GRAY);
                        g.drawString("n/a", plotLeft + 4, by + BAR - 2);
                    }
                }
                y += groupHeight + GAP;
                g.setColor(new Color(0xEEEEEE));
                g.drawLine(plotLeft - 150, y - GAP / 2, plotRight, y - GAP / 2);
            }
            g.setColor(Color.BLACK);
            g.drawLine(plotLeft, top - 4, plotLeft, top + plotHeight);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 1234567 as "1.23M", 0.5 as "0.5". */
    static String human(double v) {
        if (v >= 1e9) {
            return trim(v / 1e9) + "G";
        } else if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        } else if (v >= 1e3) {
            return trim(v / 1e3) + "K";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
