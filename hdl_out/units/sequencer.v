// Unit `sequencer` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
// Every register starts at 0 through an `initial` statement (fine for simulation and iCE40).


module top(clock,start,batch,busy,done,pc,phase,layer,rd_en,a_mem,a_row,a_col,a_dir,a_lanes,b_mem,b_row,b_col,b_dir,b_lanes,mac_en,first,last,tile_m0,tile_n0,tile_rows,tile_cols,sink,sink_layer);
    
    // Module arguments
    input wire  clock;
    input wire  start;
    input wire  [15:0] batch;
    output reg  busy;
    output reg  done;
    output reg  [5:0] pc;
    output reg  [2:0] phase;
    output reg  [3:0] layer;
    output reg  rd_en;
    output reg  [5:0] a_mem;
    output reg  [15:0] a_row;
    output reg  [15:0] a_col;
    output reg  a_dir;
    output reg  [15:0] a_lanes;
    output reg  [5:0] b_mem;
    output reg  [15:0] b_row;
    output reg  [15:0] b_col;
    output reg  b_dir;
    output reg  [15:0] b_lanes;
    output reg  mac_en;
    output reg  first;
    output reg  last;
    output reg  [15:0] tile_m0;
    output reg  [15:0] tile_n0;
    output reg  [15:0] tile_rows;
    output reg  [15:0] tile_cols;
    output reg  [2:0] sink;
    output reg  [3:0] sink_layer;
    
    // Constant declarations
    localparam  r_c = 16'h4;
    localparam  c_c = 16'h4;
    localparam  one_c = 16'h1;
    localparam  zero_c = 16'h0;
    localparam  max_c = 16'hffff;
    localparam  ph_loss_c = 3'b1;
    localparam  ph_end_c = 3'b100;
    localparam  pc_one_c = 6'b1;
    localparam  mask12_c = 16'hfff;
    localparam  z6_c = 6'b0;
    localparam  z4_c = 4'h0;
    localparam  z3_c = 3'b0;
    
    // Stub signals
    reg  [5:0] rom0$address;
    wire  [31:0] rom0$data;
    reg  [5:0] rom1$address;
    wire  [31:0] rom1$data;
    reg  [5:0] rom2$address;
    wire  [31:0] rom2$data;
    reg  busy_q$d;
    wire  busy_q$q;
    reg  busy_q$clock;
    reg  done_q$d;
    wire  done_q$q;
    reg  done_q$clock;
    reg  [5:0] pc_q$d;
    wire  [5:0] pc_q$q;
    reg  pc_q$clock;
    reg  fresh_q$d;
    wire  fresh_q$q;
    reg  fresh_q$clock;
    reg  [15:0] k_q$d;
    wire  [15:0] k_q$q;
    reg  k_q$clock;
    reg  [15:0] m0_q$d;
    wire  [15:0] m0_q$q;
    reg  m0_q$clock;
    reg  [15:0] n0_q$d;
    wire  [15:0] n0_q$q;
    reg  n0_q$clock;
    reg  [15:0] since_q$d;
    wire  [15:0] since_q$q;
    reg  since_q$clock;
    reg  [15:0] dprev_q$d;
    wire  [15:0] dprev_q$q;
    reg  dprev_q$clock;
    reg  [15:0] batch_q$d;
    wire  [15:0] batch_q$q;
    reg  batch_q$clock;
    reg  mac_en_q$d;
    wire  mac_en_q$q;
    reg  mac_en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg  [15:0] tm0_q$d;
    wire  [15:0] tm0_q$q;
    reg  tm0_q$clock;
    reg  [15:0] tn0_q$d;
    wire  [15:0] tn0_q$q;
    reg  tn0_q$clock;
    reg  [15:0] trows_q$d;
    wire  [15:0] trows_q$q;
    reg  trows_q$clock;
    reg  [15:0] tcols_q$d;
    wire  [15:0] tcols_q$q;
    reg  tcols_q$clock;
    reg  [2:0] sink_q$d;
    wire  [2:0] sink_q$q;
    reg  sink_q$clock;
    reg  [3:0] sink_layer_q$d;
    wire  [3:0] sink_layer_q$q;
    reg  sink_layer_q$clock;
    
    // Local signals
    reg  [31:0] w0;
    reg  [31:0] w1;
    reg  [31:0] w2;
    reg  [15:0] m_eff;
    reg  [15:0] n_eff;
    reg  [15:0] k_eff;
    reg  [2:0] phase_l;
    reg  [15:0] drain_l;
    reg  [15:0] barrier_l;
    reg  is_gemm;
    reg  is_last_k;
    reg  barrier_ok;
    reg  can_issue;
    reg  [15:0] rows_left;
    reg  [15:0] cols_left;
    reg  [15:0] rows_valid;
    reg  [15:0] cols_valid;
    reg  row_end;
    reg  col_end;
    
    // Sub module instances
    top$rom0 rom0(
        .address(rom0$address),
        .data(rom0$data)
    );
    top$rom1 rom1(
        .address(rom1$address),
        .data(rom1$data)
    );
    top$rom2 rom2(
        .address(rom2$address),
        .data(rom2$data)
    );
    top$busy_q busy_q(
        .d(busy_q$d),
        .q(busy_q$q),
        .clock(busy_q$clock)
    );
    top$done_q done_q(
        .d(done_q$d),
        .q(done_q$q),
        .clock(done_q$clock)
    );
    top$pc_q pc_q(
        .d(pc_q$d),
        .q(pc_q$q),
        .clock(pc_q$clock)
    );
    top$fresh_q fresh_q(
        .d(fresh_q$d),
        .q(fresh_q$q),
        .clock(fresh_q$clock)
    );
    top$k_q k_q(
        .d(k_q$d),
        .q(k_q$q),
        .clock(k_q$clock)
    );
    top$m0_q m0_q(
        .d(m0_q$d),
        .q(m0_q$q),
        .clock(m0_q$clock)
    );
    top$n0_q n0_q(
        .d(n0_q$d),
        .q(n0_q$q),
        .clock(n0_q$clock)
    );
    top$since_q since_q(
        .d(since_q$d),
        .q(since_q$q),
        .clock(since_q$clock)
    );
    top$dprev_q dprev_q(
        .d(dprev_q$d),
        .q(dprev_q$q),
        .clock(dprev_q$clock)
    );
    top$batch_q batch_q(
        .d(batch_q$d),
        .q(batch_q$q),
        .clock(batch_q$clock)
    );
    top$mac_en_q mac_en_q(
        .d(mac_en_q$d),
        .q(mac_en_q$q),
        .clock(mac_en_q$clock)
    );
    top$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$tm0_q tm0_q(
        .d(tm0_q$d),
        .q(tm0_q$q),
        .clock(tm0_q$clock)
    );
    top$tn0_q tn0_q(
        .d(tn0_q$d),
        .q(tn0_q$q),
        .clock(tn0_q$clock)
    );
    top$trows_q trows_q(
        .d(trows_q$d),
        .q(trows_q$q),
        .clock(trows_q$clock)
    );
    top$tcols_q tcols_q(
        .d(tcols_q$d),
        .q(tcols_q$q),
        .clock(tcols_q$clock)
    );
    top$sink_q sink_q(
        .d(sink_q$d),
        .q(sink_q$q),
        .clock(sink_q$clock)
    );
    top$sink_layer_q sink_layer_q(
        .d(sink_layer_q$d),
        .q(sink_layer_q$q),
        .clock(sink_layer_q$clock)
    );
    
    // Update code
    always @(*) begin
        busy_q$clock = clock;
        done_q$clock = clock;
        pc_q$clock = clock;
        fresh_q$clock = clock;
        k_q$clock = clock;
        m0_q$clock = clock;
        n0_q$clock = clock;
        since_q$clock = clock;
        dprev_q$clock = clock;
        batch_q$clock = clock;
        mac_en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        tm0_q$clock = clock;
        tn0_q$clock = clock;
        trows_q$clock = clock;
        tcols_q$clock = clock;
        sink_q$clock = clock;
        sink_layer_q$clock = clock;
        busy_q$d = busy_q$q;
        done_q$d = done_q$q;
        pc_q$d = pc_q$q;
        fresh_q$d = fresh_q$q;
        k_q$d = k_q$q;
        m0_q$d = m0_q$q;
        n0_q$d = n0_q$q;
        since_q$d = since_q$q;
        dprev_q$d = dprev_q$q;
        batch_q$d = batch_q$q;
        mac_en_q$d = mac_en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        tm0_q$d = tm0_q$q;
        tn0_q$d = tn0_q$q;
        trows_q$d = trows_q$q;
        tcols_q$d = tcols_q$q;
        sink_q$d = sink_q$q;
        sink_layer_q$d = sink_layer_q$q;
        rom0$address = pc_q$q;
        rom1$address = pc_q$q;
        rom2$address = pc_q$q;
        w0 = rom0$data;
        w1 = rom1$data;
        w2 = rom2$data;
        if (w0[32'h1f]) begin
            m_eff = batch_q$q;
        end
        else begin
            m_eff = w0[(32'h0)+:(16)] & mask12_c;
        end
        n_eff = w0[(32'hc)+:(16)] & mask12_c;
        if (w1[32'hc]) begin
            k_eff = batch_q$q;
        end
        else begin
            k_eff = w1[(32'h0)+:(16)] & mask12_c;
        end
        phase_l = w0[(32'h18)+:(3)];
        drain_l = w2[(32'h0)+:(16)] & mask12_c;
        barrier_l = w2[(32'hc)+:(16)];
        is_gemm = (phase_l != ph_loss_c) & (phase_l != ph_end_c);
        is_last_k = (k_q$q + one_c) == k_eff;
        barrier_ok = since_q$q >= barrier_l;
        can_issue = busy_q$q & is_gemm & (~fresh_q$q | barrier_ok) & (~is_last_k | (since_q$q >= dprev_q$q));
        rows_left = m_eff - m0_q$q;
        cols_left = n_eff - n0_q$q;
        if (rows_left < r_c) begin
            rows_valid = rows_left;
        end
        else begin
            rows_valid = r_c;
        end
        if (cols_left < c_c) begin
            cols_valid = cols_left;
        end
        else begin
            cols_valid = c_c;
        end
        row_end = (m0_q$q + r_c) >= m_eff;
        col_end = (n0_q$q + c_c) >= n_eff;
        if (since_q$q != max_c) begin
            since_q$d = since_q$q + one_c;
        end
        rd_en = can_issue;
        a_mem = z6_c;
        a_row = zero_c;
        a_col = zero_c;
        a_dir = 1'b0;
        a_lanes = zero_c;
        b_mem = z6_c;
        b_row = zero_c;
        b_col = zero_c;
        b_dir = 1'b0;
        b_lanes = zero_c;
        tm0_q$d = zero_c;
        tn0_q$d = zero_c;
        trows_q$d = zero_c;
        tcols_q$d = zero_c;
        sink_q$d = z3_c;
        sink_layer_q$d = z4_c;
        mac_en_q$d = can_issue;
        first_q$d = can_issue & (k_q$q == zero_c);
        last_q$d = can_issue & is_last_k;
        if (can_issue) begin
            a_mem = w1[(32'hd)+:(6)];
            if (w1[32'h13]) begin
                a_row = k_q$q;
                a_col = m0_q$q;
            end
            else begin
                a_row = m0_q$q;
                a_col = k_q$q;
                a_dir = 1'b1;
            end
            a_lanes = rows_valid;
            b_mem = w1[(32'h14)+:(6)];
            if (w1[32'h1a]) begin
                b_row = n0_q$q;
                b_col = k_q$q;
                b_dir = 1'b1;
            end
            else begin
                b_row = k_q$q;
                b_col = n0_q$q;
            end
            b_lanes = cols_valid;
            tm0_q$d = m0_q$q;
            tn0_q$d = n0_q$q;
            trows_q$d = rows_valid;
            tcols_q$d = cols_valid;
            sink_q$d = w1[(32'h1b)+:(3)];
            sink_layer_q$d = w2[(32'h1c)+:(4)];
            fresh_q$d = 1'b0;
            if (is_last_k) begin
                k_q$d = zero_c;
                since_q$d = one_c;
                dprev_q$d = drain_l;
                if (col_end) begin
                    n0_q$d = zero_c;
                    if (row_end) begin
                        m0_q$d = zero_c;
                        pc_q$d = pc_q$q + pc_one_c;
                        fresh_q$d = 1'b1;
                    end
                    else begin
                        m0_q$d = m0_q$q + r_c;
                    end
                end
                else begin
                    n0_q$d = n0_q$q + c_c;
                end
            end
            else begin
                k_q$d = k_q$q + one_c;
            end
        end
        if (busy_q$q & ~is_gemm & barrier_ok) begin
            if (phase_l == ph_end_c) begin
                busy_q$d = 1'b0;
                done_q$d = 1'b1;
            end
            else begin
                pc_q$d = pc_q$q + pc_one_c;
                fresh_q$d = 1'b1;
            end
        end
        if (start & ~busy_q$q) begin
            busy_q$d = 1'b1;
            done_q$d = 1'b0;
            pc_q$d = z6_c;
            fresh_q$d = 1'b1;
            k_q$d = zero_c;
            m0_q$d = zero_c;
            n0_q$d = zero_c;
            since_q$d = max_c;
            dprev_q$d = zero_c;
            batch_q$d = batch;
        end
        busy = busy_q$q;
        done = done_q$q;
        pc = pc_q$q;
        phase = phase_l;
        layer = w0[(32'h1b)+:(4)];
        mac_en = mac_en_q$q;
        first = first_q$q;
        last = last_q$q;
        tile_m0 = tm0_q$q;
        tile_n0 = tn0_q$q;
        tile_rows = trows_q$q;
        tile_cols = tcols_q$q;
        sink = sink_q$q;
        sink_layer = sink_layer_q$q;
    end
    
endmodule // top


module top$batch_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$batch_q


module top$busy_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$busy_q


module top$done_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$done_q


module top$dprev_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$dprev_q


module top$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$first_q


module top$fresh_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$fresh_q


module top$k_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$k_q


module top$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$last_q


module top$m0_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$m0_q


module top$mac_en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$mac_en_q


module top$n0_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$n0_q


module top$pc_q(d,q,clock);
    
    // Module arguments
    input wire  [5:0] d;
    output reg  [5:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 6'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$pc_q


module top$rom0(address,data);
    
    // Module arguments
    input wire  [5:0] address;
    output reg  [31:0] data;
    
    // Update code (custom)
    always @*
    case (address)
        6'b0: data = 32'h80020020;
      6'b1: data = 32'h8800a020;
      6'b10: data = 32'h9000000;
      6'b11: data = 32'h8a020020;
      6'b100: data = 32'hb00a021;
      6'b101: data = 32'h3020041;
      6'b110: data = 32'h4000000;
      default: data = 32'h0;
    endcase
            
endmodule // top$rom0


module top$rom1(address,data);
    
    // Module arguments
    input wire  [5:0] address;
    output reg  [31:0] data;
    
    // Update code (custom)
    always @*
    case (address)
        6'b0: data = 32'ha000041;
      6'b1: data = 32'h12102021;
      6'b10: data = 32'h0;
      6'b11: data = 32'h1e12200a;
      6'b100: data = 32'h21183020;
      6'b101: data = 32'h21081020;
      6'b110: data = 32'h0;
      default: data = 32'h0;
    endcase
            
endmodule // top$rom1


module top$rom2(address,data);
    
    // Module arguments
    input wire  [5:0] address;
    output reg  [31:0] data;
    
    // Update code (custom)
    always @*
    case (address)
        6'b0: data = 32'h10000004;
      6'b1: data = 32'h1000b004;
      6'b10: data = 32'h5b000;
      6'b11: data = 32'h4;
      6'b100: data = 32'h1000b010;
      6'b101: data = 32'h10;
      6'b110: data = 32'h17000;
      default: data = 32'h0;
    endcase
            
endmodule // top$rom2


module top$since_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$since_q


module top$sink_layer_q(d,q,clock);
    
    // Module arguments
    input wire  [3:0] d;
    output reg  [3:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 4'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$sink_layer_q


module top$sink_q(d,q,clock);
    
    // Module arguments
    input wire  [2:0] d;
    output reg  [2:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 3'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$sink_q


module top$tcols_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$tcols_q


module top$tm0_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$tm0_q


module top$tn0_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$tn0_q


module top$trows_q(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$trows_q
