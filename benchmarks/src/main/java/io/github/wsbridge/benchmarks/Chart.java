package io.github.wsbridge.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's chart (JFreeChart, headless): for each workload, the bridge's speed relative to raw JSR-356 on the same
 * container (median of the per-repeat ratios); 1.0 is parity, and the 0.95 line is the throughput target. Latencies are
 * drawn as raw ÷ bridge, so that for every bar higher is better.
 */
final class Chart {

    private static final String[][] FIGURES = {
        {"latency", "p50_us", "latency p50", "inverse"}, {"latency", "p99_us", "latency p99", "inverse"},
        {"text", "msgs_per_s", "64 B text msgs/s", ""}, {"binary", "msgs_per_s", "64 KiB binary msgs/s", ""},
        {"fanout", "rtt_per_s", "fan-out round trips/s", ""}, {"fanout", "p99_us", "fan-out p99", "inverse"},
        {"connect", "seq_per_s", "connects/s sequential", ""}, {"connect", "par_per_s", "connects/s parallel", ""},
    };

    private final Results results;

    Chart(Results results) {
        this.results = results;
    }

    void write(Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String[] f : FIGURES) {
            for (String c : Report.CONTAINERS) {
                Results.Stats r = results.ratio(f[0], "bridge-" + c, "raw-" + c, f[1]);
                if (r != null) {
                    data.addValue(f[3].equals("inverse") ? 1 / r.median() : r.median(), label(c), f[2]);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("wsbridge relative to raw JSR-356 on the same container",
                null, "bridge ÷ raw (higher is better)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.addSubtitle(new TextTitle("median of per-repeat ratios; rates as bridge ÷ raw, latencies as raw ÷ bridge",
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        CategoryPlot plot = chart.getCategoryPlot();
        double top = 1.0;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number v = data.getValue(r, c);
                if (v != null) {
                    top = Math.max(top, v.doubleValue());
                }
            }
        }
        plot.getRangeAxis().setRange(0, Math.ceil(top * 11) / 10);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.createUpRotationLabelPositions(Math.PI / 6));
        plot.addRangeMarker(marker(1.0, "parity", new Color(0x555555)));
        plot.addRangeMarker(marker(0.95, "0.95 target", new Color(0xC0392B)));
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x2E86C1));
        bars.setSeriesPaint(1, new Color(0xE67E22));
        bars.setSeriesPaint(2, new Color(0x27AE60));
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 560);
    }

    private static String label(String container) {
        switch (container) {
            case "tyrus":
                return "Tyrus 2.2 (wsbridge-tyrus)";
            case "tomcat":
                return "Tomcat 11";
            default:
                return "Jetty 12.1";
        }
    }

    private static ValueMarker marker(double value, String label, Color color) {
        ValueMarker m = new ValueMarker(value, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
    }
}
