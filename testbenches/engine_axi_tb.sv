// Self-checking testbench of the SoC wrapper `engine_axi` (AXI4-Lite slave `axi_lite` + `engine`),
// written by hand; run by `cargo test --release --lib engine_axi` (src/hw/axi_lite.rs) in Icarus
// against the generated engine (and against a stub engine, to check the testbench itself).
// A small AXI4-Lite master (tasks axi_write / axi_read: valids raised after a falling edge, readies
// and valids sampled 1 ns later, handshakes complete at the next rising edge) writes ETA and reads it
// back, writes and reads a W window word, reads STATUS, checks SLVERR for an unmapped word and for a
// half-word strobe, then runs one training step (BATCH = 1, CTRL start) and waits for `irq`.
// Ends with `RESULT checks=N errors=M wlat=W rlat=R` (latencies in cycles from the handshake cycle
// to the first response cycle, as src/hw/axi_lite.rs documents them).
`timescale 1ns/1ps
module engine_axi_tb;
  // Byte addresses = 4 × the engine's word addresses (the default config's register map).
  localparam [17:0] CTRL_ADDR = 18'h00000;
  localparam [17:0] STATUS_ADDR = 18'h00004;
  localparam [17:0] BATCH_ADDR = 18'h00008;
  localparam [17:0] ETA_ADDR = 18'h0000c;
  localparam [17:0] W_ADDR = 18'h08088; // W0 element (1, 2): word 0x2022
  localparam [17:0] UNMAPPED_ADDR = 18'h00400; // word 0x0100: between the registers and the windows
  localparam integer MAX_POLLS = 100000;
  localparam [1:0] OKAY = 2'b00;
  localparam [1:0] SLVERR = 2'b10;

  reg clock;
  reg s_axi_aresetn;
  reg [17:0] s_axi_awaddr;
  reg s_axi_awvalid;
  wire s_axi_awready;
  reg [31:0] s_axi_wdata;
  reg [3:0] s_axi_wstrb;
  reg s_axi_wvalid;
  wire s_axi_wready;
  wire [1:0] s_axi_bresp;
  wire s_axi_bvalid;
  reg s_axi_bready;
  reg [17:0] s_axi_araddr;
  reg s_axi_arvalid;
  wire s_axi_arready;
  wire [31:0] s_axi_rdata;
  wire [1:0] s_axi_rresp;
  wire s_axi_rvalid;
  reg s_axi_rready;
  wire busy;
  wire irq;

  engine_axi dut (
    .clock(clock),
    .s_axi_aresetn(s_axi_aresetn),
    .s_axi_awaddr(s_axi_awaddr),
    .s_axi_awvalid(s_axi_awvalid),
    .s_axi_awready(s_axi_awready),
    .s_axi_wdata(s_axi_wdata),
    .s_axi_wstrb(s_axi_wstrb),
    .s_axi_wvalid(s_axi_wvalid),
    .s_axi_wready(s_axi_wready),
    .s_axi_bresp(s_axi_bresp),
    .s_axi_bvalid(s_axi_bvalid),
    .s_axi_bready(s_axi_bready),
    .s_axi_araddr(s_axi_araddr),
    .s_axi_arvalid(s_axi_arvalid),
    .s_axi_arready(s_axi_arready),
    .s_axi_rdata(s_axi_rdata),
    .s_axi_rresp(s_axi_rresp),
    .s_axi_rvalid(s_axi_rvalid),
    .s_axi_rready(s_axi_rready),
    .busy(busy),
    .irq(irq)
  );

  initial clock = 1'b0;
  always #5 clock = ~clock;

  integer cyc;
  initial cyc = 0;
  always @(posedge clock) cyc = cyc + 1;

  integer checks, errors, wlat, rlat, t_hs, polls;
  reg [1:0] resp;
  reg aw_hs, w_hs;
  reg [31:0] data;

  task check(input [31:0] got, input [31:0] want, input [8*32-1:0] what);
    begin
      checks = checks + 1;
      if (got !== want) begin
        errors = errors + 1;
        $display("ERROR %0s: got %h, expected %h (cycle %0d)", what, got, want, cyc);
      end
    end
  endtask

  // One write: AW and W raised together, each dropped after its handshake; then B with bready high.
  task axi_write(input [17:0] a, input [31:0] d, input [3:0] s, output [1:0] r);
    begin
      @(negedge clock);
      s_axi_awaddr = a;
      s_axi_awvalid = 1'b1;
      s_axi_wdata = d;
      s_axi_wstrb = s;
      s_axi_wvalid = 1'b1;
      while (s_axi_awvalid || s_axi_wvalid) begin
        #1;
        aw_hs = s_axi_awvalid && s_axi_awready;
        w_hs = s_axi_wvalid && s_axi_wready;
        if (aw_hs || w_hs) t_hs = cyc;
        @(negedge clock);
        if (aw_hs) s_axi_awvalid = 1'b0;
        if (w_hs) s_axi_wvalid = 1'b0;
      end
      s_axi_bready = 1'b1;
      #1;
      while (!s_axi_bvalid) begin
        @(negedge clock);
        #1;
      end
      wlat = cyc - t_hs;
      r = s_axi_bresp;
      @(negedge clock);
      s_axi_bready = 1'b0;
    end
  endtask

  // One read: AR, then R with rready high.
  task axi_read(input [17:0] a, output [31:0] d, output [1:0] r);
    begin
      @(negedge clock);
      s_axi_araddr = a;
      s_axi_arvalid = 1'b1;
      #1;
      while (!s_axi_arready) begin
        @(negedge clock);
        #1;
      end
      t_hs = cyc;
      @(negedge clock);
      s_axi_arvalid = 1'b0;
      s_axi_rready = 1'b1;
      #1;
      while (!s_axi_rvalid) begin
        @(negedge clock);
        #1;
      end
      rlat = cyc - t_hs;
      d = s_axi_rdata;
      r = s_axi_rresp;
      @(negedge clock);
      s_axi_rready = 1'b0;
    end
  endtask

  initial begin
    checks = 0;
    errors = 0;
    wlat = -1;
    rlat = -1;
    t_hs = -10;
    s_axi_aresetn = 1'b0;
    s_axi_awaddr = 18'h0;
    s_axi_awvalid = 1'b0;
    s_axi_wdata = 32'h0;
    s_axi_wstrb = 4'h0;
    s_axi_wvalid = 1'b0;
    s_axi_bready = 1'b0;
    s_axi_araddr = 18'h0;
    s_axi_arvalid = 1'b0;
    s_axi_rready = 1'b0;
    repeat (3) @(negedge clock);
    s_axi_aresetn = 1'b1;

    // ETA: write, read back; the upper data half is ignored.
    axi_write(ETA_ADDR, 32'h0000_1234, 4'hf, resp);
    check({30'h0, resp}, {30'h0, OKAY}, "write ETA bresp");
    axi_read(ETA_ADDR, data, resp);
    check({30'h0, resp}, {30'h0, OKAY}, "read ETA rresp");
    check(data, 32'h0000_1234, "read ETA");
    axi_write(ETA_ADDR, 32'hffff_5678, 4'hf, resp);
    axi_read(ETA_ADDR, data, resp);
    check(data, 32'h0000_5678, "ETA, upper half ignored");

    // A W window word.
    axi_write(W_ADDR, 32'h0000_beef, 4'hf, resp);
    check({30'h0, resp}, {30'h0, OKAY}, "write W bresp");
    axi_read(W_ADDR, data, resp);
    check({30'h0, resp}, {30'h0, OKAY}, "read W rresp");
    check(data, 32'h0000_beef, "read W word");

    // STATUS: idle, no step done yet.
    axi_read(STATUS_ADDR, data, resp);
    check({30'h0, resp}, {30'h0, OKAY}, "read STATUS rresp");
    check(data, 32'h0, "STATUS idle");
    check({31'h0, irq}, 32'h0, "irq low before a step");

    // Errors: an unmapped word, a half-word strobe (no write).
    axi_read(UNMAPPED_ADDR, data, resp);
    check({30'h0, resp}, {30'h0, SLVERR}, "unmapped read SLVERR");
    check(data, 32'h0, "unmapped read data 0");
    axi_write(UNMAPPED_ADDR, 32'h1, 4'hf, resp);
    check({30'h0, resp}, {30'h0, SLVERR}, "unmapped write SLVERR");
    axi_write(ETA_ADDR, 32'h0000_9999, 4'h1, resp);
    check({30'h0, resp}, {30'h0, SLVERR}, "half-word write SLVERR");
    axi_read(ETA_ADDR, data, resp);
    check(data, 32'h0000_5678, "ETA kept");

    // One training step: BATCH = 1, start, poll STATUS until done; irq follows done.
    axi_write(BATCH_ADDR, 32'h1, 4'hf, resp);
    axi_write(CTRL_ADDR, 32'h1, 4'hf, resp);
    check({30'h0, resp}, {30'h0, OKAY}, "start bresp");
    axi_read(STATUS_ADDR, data, resp);
    check(data, 32'h1, "STATUS busy after start");
    polls = 0;
    while (data[1] == 1'b0 && polls < MAX_POLLS) begin
      repeat (20) @(negedge clock);
      axi_read(STATUS_ADDR, data, resp);
      polls = polls + 1;
    end
    check(data, 32'h2, "STATUS done");
    check({30'h0, irq, busy}, 32'h2, "irq high, busy low");
    axi_read(ETA_ADDR, data, resp);
    check(data, 32'h0000_5678, "ETA after the step");

    $display("RESULT checks=%0d errors=%0d wlat=%0d rlat=%0d cycles=%0d", checks, errors, wlat,
             rlat, cyc);
    $finish;
  end
endmodule
