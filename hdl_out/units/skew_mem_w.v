// Unit `skew_mem_w` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
// Every register starts at 0 through an `initial` statement (fine for simulation and iCE40).


module top(clock,rd_en,rd_row,rd_col,rd_dir,rd_lanes,rd_data$0,rd_data$1,rd_data$2,rd_data$3,wr_en,wr_row,wr_col,wr_mask,wr_data$0,wr_data$1,wr_data$2,wr_data$3,word_en,word_we,word_row,word_col,word_wdata,word_rdata);
    
    // Module arguments
    input wire  clock;
    input wire  rd_en;
    input wire  [15:0] rd_row;
    input wire  [15:0] rd_col;
    input wire  rd_dir;
    input wire  [15:0] rd_lanes;
    output reg  [15:0] rd_data$0;
    output reg  [15:0] rd_data$1;
    output reg  [15:0] rd_data$2;
    output reg  [15:0] rd_data$3;
    input wire  wr_en;
    input wire  [15:0] wr_row;
    input wire  [15:0] wr_col;
    input wire  [15:0] wr_mask;
    input wire  [15:0] wr_data$0;
    input wire  [15:0] wr_data$1;
    input wire  [15:0] wr_data$2;
    input wire  [15:0] wr_data$3;
    input wire  word_en;
    input wire  word_we;
    input wire  [15:0] word_row;
    input wire  [15:0] word_col;
    input wire  [15:0] word_wdata;
    output reg  [15:0] word_rdata;
    
    // Constant declarations
    localparam  mask_c = 16'h3;
    localparam  log2p_c = 16'h2;
    localparam  p_c = 16'h4;
    localparam  one_c = 16'h1;
    localparam  zero_c = 16'h0;
    localparam  shift_c = 16'h3;
    localparam  col_major_c = 1'b0;
    localparam  lane_c$0 = 16'h0;
    localparam  lane_c$1 = 16'h1;
    localparam  lane_c$2 = 16'h2;
    localparam  lane_c$3 = 16'h3;
    
    // Stub signals
    reg  banks$0$clock;
    reg  [15:0] banks$0$read_address;
    wire  [15:0] banks$0$read_data;
    reg  [15:0] banks$0$write_address;
    reg  [15:0] banks$0$write_data;
    reg  banks$0$write_enable;
    reg  banks$1$clock;
    reg  [15:0] banks$1$read_address;
    wire  [15:0] banks$1$read_data;
    reg  [15:0] banks$1$write_address;
    reg  [15:0] banks$1$write_data;
    reg  banks$1$write_enable;
    reg  banks$2$clock;
    reg  [15:0] banks$2$read_address;
    wire  [15:0] banks$2$read_data;
    reg  [15:0] banks$2$write_address;
    reg  [15:0] banks$2$write_data;
    reg  banks$2$write_enable;
    reg  banks$3$clock;
    reg  [15:0] banks$3$read_address;
    wire  [15:0] banks$3$read_data;
    reg  [15:0] banks$3$write_address;
    reg  [15:0] banks$3$write_data;
    reg  banks$3$write_enable;
    reg  rd_en_q$d;
    wire  rd_en_q$q;
    reg  rd_en_q$clock;
    reg  [15:0] rd_s_q$d;
    wire  [15:0] rd_s_q$q;
    reg  rd_s_q$clock;
    reg  [15:0] rd_lanes_q$d;
    wire  [15:0] rd_lanes_q$q;
    reg  rd_lanes_q$clock;
    reg  word_rd_q$d;
    wire  word_rd_q$q;
    reg  word_rd_q$clock;
    reg  [15:0] word_bank_q$d;
    wire  [15:0] word_bank_q$q;
    reg  word_bank_q$clock;
    
    // Local signals
    reg  [15:0] rd_s;
    reg  [15:0] rd_q;
    reg  [15:0] rd_m;
    reg  [15:0] rd_bank_of$0;
    reg  [15:0] rd_bank_of$1;
    reg  [15:0] rd_bank_of$2;
    reg  [15:0] rd_bank_of$3;
    reg  [15:0] rd_brow$0;
    reg  [15:0] rd_brow$1;
    reg  [15:0] rd_brow$2;
    reg  [15:0] rd_brow$3;
    reg  [15:0] rd_bq$0;
    reg  [15:0] rd_bq$1;
    reg  [15:0] rd_bq$2;
    reg  [15:0] rd_bq$3;
    reg  [15:0] rd_addr$0;
    reg  [15:0] rd_addr$1;
    reg  [15:0] rd_addr$2;
    reg  [15:0] rd_addr$3;
    reg  [15:0] wr_s;
    reg  [15:0] wr_q;
    reg  [15:0] wr_m;
    reg  [15:0] wr_bank_of$0;
    reg  [15:0] wr_bank_of$1;
    reg  [15:0] wr_bank_of$2;
    reg  [15:0] wr_bank_of$3;
    reg  [15:0] wr_bq$0;
    reg  [15:0] wr_bq$1;
    reg  [15:0] wr_bq$2;
    reg  [15:0] wr_bq$3;
    reg  [15:0] wr_addr$0;
    reg  [15:0] wr_addr$1;
    reg  [15:0] wr_addr$2;
    reg  [15:0] wr_addr$3;
    reg  [15:0] word_bank;
    reg  [15:0] word_q;
    reg  [15:0] word_addr;
    reg  [15:0] out_bank_of$0;
    reg  [15:0] out_bank_of$1;
    reg  [15:0] out_bank_of$2;
    reg  [15:0] out_bank_of$3;
    
    // Sub module instances
    top$banks$0 banks$0(
        .clock(banks$0$clock),
        .read_address(banks$0$read_address),
        .read_data(banks$0$read_data),
        .write_address(banks$0$write_address),
        .write_data(banks$0$write_data),
        .write_enable(banks$0$write_enable)
    );
    top$banks$1 banks$1(
        .clock(banks$1$clock),
        .read_address(banks$1$read_address),
        .read_data(banks$1$read_data),
        .write_address(banks$1$write_address),
        .write_data(banks$1$write_data),
        .write_enable(banks$1$write_enable)
    );
    top$banks$2 banks$2(
        .clock(banks$2$clock),
        .read_address(banks$2$read_address),
        .read_data(banks$2$read_data),
        .write_address(banks$2$write_address),
        .write_data(banks$2$write_data),
        .write_enable(banks$2$write_enable)
    );
    top$banks$3 banks$3(
        .clock(banks$3$clock),
        .read_address(banks$3$read_address),
        .read_data(banks$3$read_data),
        .write_address(banks$3$write_address),
        .write_data(banks$3$write_data),
        .write_enable(banks$3$write_enable)
    );
    top$rd_en_q rd_en_q(
        .d(rd_en_q$d),
        .q(rd_en_q$q),
        .clock(rd_en_q$clock)
    );
    top$rd_s_q rd_s_q(
        .d(rd_s_q$d),
        .q(rd_s_q$q),
        .clock(rd_s_q$clock)
    );
    top$rd_lanes_q rd_lanes_q(
        .d(rd_lanes_q$d),
        .q(rd_lanes_q$q),
        .clock(rd_lanes_q$clock)
    );
    top$word_rd_q word_rd_q(
        .d(word_rd_q$d),
        .q(word_rd_q$q),
        .clock(word_rd_q$clock)
    );
    top$word_bank_q word_bank_q(
        .d(word_bank_q$d),
        .q(word_bank_q$q),
        .clock(word_bank_q$clock)
    );
    
    // Update code
    always @(*) begin
        rd_en_q$clock = clock;
        rd_s_q$clock = clock;
        rd_lanes_q$clock = clock;
        word_rd_q$clock = clock;
        word_bank_q$clock = clock;
        rd_en_q$d = rd_en_q$q;
        rd_s_q$d = rd_s_q$q;
        rd_lanes_q$d = rd_lanes_q$q;
        word_rd_q$d = word_rd_q$q;
        word_bank_q$d = word_bank_q$q;
        rd_s = (rd_row + rd_col) & mask_c;
        rd_q = rd_col >> log2p_c;
        rd_m = rd_col & mask_c;
        rd_bank_of$0 = (rd_s + lane_c$0) & mask_c;
        rd_bank_of$1 = (rd_s + lane_c$1) & mask_c;
        rd_bank_of$2 = (rd_s + lane_c$2) & mask_c;
        rd_bank_of$3 = (rd_s + lane_c$3) & mask_c;
        rd_brow$0 = rd_row;
        rd_bq$0 = rd_q;
        if (rd_bank_of$0 == 0) begin
            if (rd_dir) begin
                rd_brow$0 = rd_row + lane_c$0;
            end
            else if ((rd_m + lane_c$0) >= p_c) begin
                rd_bq$0 = rd_q + one_c;
            end
        end
        if (rd_bank_of$1 == 0) begin
            if (rd_dir) begin
                rd_brow$0 = rd_row + lane_c$1;
            end
            else if ((rd_m + lane_c$1) >= p_c) begin
                rd_bq$0 = rd_q + one_c;
            end
        end
        if (rd_bank_of$2 == 0) begin
            if (rd_dir) begin
                rd_brow$0 = rd_row + lane_c$2;
            end
            else if ((rd_m + lane_c$2) >= p_c) begin
                rd_bq$0 = rd_q + one_c;
            end
        end
        if (rd_bank_of$3 == 0) begin
            if (rd_dir) begin
                rd_brow$0 = rd_row + lane_c$3;
            end
            else if ((rd_m + lane_c$3) >= p_c) begin
                rd_bq$0 = rd_q + one_c;
            end
        end
        if (col_major_c) begin
            rd_addr$0 = (rd_bq$0 << shift_c) + rd_brow$0;
        end
        else begin
            rd_addr$0 = (rd_brow$0 << shift_c) + rd_bq$0;
        end
        rd_brow$1 = rd_row;
        rd_bq$1 = rd_q;
        if (rd_bank_of$0 == 1) begin
            if (rd_dir) begin
                rd_brow$1 = rd_row + lane_c$0;
            end
            else if ((rd_m + lane_c$0) >= p_c) begin
                rd_bq$1 = rd_q + one_c;
            end
        end
        if (rd_bank_of$1 == 1) begin
            if (rd_dir) begin
                rd_brow$1 = rd_row + lane_c$1;
            end
            else if ((rd_m + lane_c$1) >= p_c) begin
                rd_bq$1 = rd_q + one_c;
            end
        end
        if (rd_bank_of$2 == 1) begin
            if (rd_dir) begin
                rd_brow$1 = rd_row + lane_c$2;
            end
            else if ((rd_m + lane_c$2) >= p_c) begin
                rd_bq$1 = rd_q + one_c;
            end
        end
        if (rd_bank_of$3 == 1) begin
            if (rd_dir) begin
                rd_brow$1 = rd_row + lane_c$3;
            end
            else if ((rd_m + lane_c$3) >= p_c) begin
                rd_bq$1 = rd_q + one_c;
            end
        end
        if (col_major_c) begin
            rd_addr$1 = (rd_bq$1 << shift_c) + rd_brow$1;
        end
        else begin
            rd_addr$1 = (rd_brow$1 << shift_c) + rd_bq$1;
        end
        rd_brow$2 = rd_row;
        rd_bq$2 = rd_q;
        if (rd_bank_of$0 == 2) begin
            if (rd_dir) begin
                rd_brow$2 = rd_row + lane_c$0;
            end
            else if ((rd_m + lane_c$0) >= p_c) begin
                rd_bq$2 = rd_q + one_c;
            end
        end
        if (rd_bank_of$1 == 2) begin
            if (rd_dir) begin
                rd_brow$2 = rd_row + lane_c$1;
            end
            else if ((rd_m + lane_c$1) >= p_c) begin
                rd_bq$2 = rd_q + one_c;
            end
        end
        if (rd_bank_of$2 == 2) begin
            if (rd_dir) begin
                rd_brow$2 = rd_row + lane_c$2;
            end
            else if ((rd_m + lane_c$2) >= p_c) begin
                rd_bq$2 = rd_q + one_c;
            end
        end
        if (rd_bank_of$3 == 2) begin
            if (rd_dir) begin
                rd_brow$2 = rd_row + lane_c$3;
            end
            else if ((rd_m + lane_c$3) >= p_c) begin
                rd_bq$2 = rd_q + one_c;
            end
        end
        if (col_major_c) begin
            rd_addr$2 = (rd_bq$2 << shift_c) + rd_brow$2;
        end
        else begin
            rd_addr$2 = (rd_brow$2 << shift_c) + rd_bq$2;
        end
        rd_brow$3 = rd_row;
        rd_bq$3 = rd_q;
        if (rd_bank_of$0 == 3) begin
            if (rd_dir) begin
                rd_brow$3 = rd_row + lane_c$0;
            end
            else if ((rd_m + lane_c$0) >= p_c) begin
                rd_bq$3 = rd_q + one_c;
            end
        end
        if (rd_bank_of$1 == 3) begin
            if (rd_dir) begin
                rd_brow$3 = rd_row + lane_c$1;
            end
            else if ((rd_m + lane_c$1) >= p_c) begin
                rd_bq$3 = rd_q + one_c;
            end
        end
        if (rd_bank_of$2 == 3) begin
            if (rd_dir) begin
                rd_brow$3 = rd_row + lane_c$2;
            end
            else if ((rd_m + lane_c$2) >= p_c) begin
                rd_bq$3 = rd_q + one_c;
            end
        end
        if (rd_bank_of$3 == 3) begin
            if (rd_dir) begin
                rd_brow$3 = rd_row + lane_c$3;
            end
            else if ((rd_m + lane_c$3) >= p_c) begin
                rd_bq$3 = rd_q + one_c;
            end
        end
        if (col_major_c) begin
            rd_addr$3 = (rd_bq$3 << shift_c) + rd_brow$3;
        end
        else begin
            rd_addr$3 = (rd_brow$3 << shift_c) + rd_bq$3;
        end
        wr_s = (wr_row + wr_col) & mask_c;
        wr_q = wr_col >> log2p_c;
        wr_m = wr_col & mask_c;
        wr_bank_of$0 = (wr_s + lane_c$0) & mask_c;
        wr_bank_of$1 = (wr_s + lane_c$1) & mask_c;
        wr_bank_of$2 = (wr_s + lane_c$2) & mask_c;
        wr_bank_of$3 = (wr_s + lane_c$3) & mask_c;
        word_bank = (word_row + word_col) & mask_c;
        word_q = word_col >> log2p_c;
        if (col_major_c) begin
            word_addr = (word_q << shift_c) + word_row;
        end
        else begin
            word_addr = (word_row << shift_c) + word_q;
        end
        banks$0$clock = clock;
        if (rd_en) begin
            banks$0$read_address = rd_addr$0;
        end
        else begin
            banks$0$read_address = word_addr;
        end
        wr_bq$0 = wr_q;
        banks$0$write_data = word_wdata;
        banks$0$write_enable = 1'b0;
        if (wr_bank_of$0 == 0) begin
            if ((wr_m + lane_c$0) >= p_c) begin
                wr_bq$0 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$0$write_data = wr_data$0;
                banks$0$write_enable = wr_mask[0];
            end
        end
        if (wr_bank_of$1 == 0) begin
            if ((wr_m + lane_c$1) >= p_c) begin
                wr_bq$0 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$0$write_data = wr_data$1;
                banks$0$write_enable = wr_mask[1];
            end
        end
        if (wr_bank_of$2 == 0) begin
            if ((wr_m + lane_c$2) >= p_c) begin
                wr_bq$0 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$0$write_data = wr_data$2;
                banks$0$write_enable = wr_mask[2];
            end
        end
        if (wr_bank_of$3 == 0) begin
            if ((wr_m + lane_c$3) >= p_c) begin
                wr_bq$0 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$0$write_data = wr_data$3;
                banks$0$write_enable = wr_mask[3];
            end
        end
        if (col_major_c) begin
            wr_addr$0 = (wr_bq$0 << shift_c) + wr_row;
        end
        else begin
            wr_addr$0 = (wr_row << shift_c) + wr_bq$0;
        end
        if (wr_en) begin
            banks$0$write_address = wr_addr$0;
        end
        else begin
            banks$0$write_address = word_addr;
            if (word_en & word_we & (word_bank == 0)) begin
                banks$0$write_enable = 1'b1;
            end
        end
        banks$1$clock = clock;
        if (rd_en) begin
            banks$1$read_address = rd_addr$1;
        end
        else begin
            banks$1$read_address = word_addr;
        end
        wr_bq$1 = wr_q;
        banks$1$write_data = word_wdata;
        banks$1$write_enable = 1'b0;
        if (wr_bank_of$0 == 1) begin
            if ((wr_m + lane_c$0) >= p_c) begin
                wr_bq$1 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$1$write_data = wr_data$0;
                banks$1$write_enable = wr_mask[0];
            end
        end
        if (wr_bank_of$1 == 1) begin
            if ((wr_m + lane_c$1) >= p_c) begin
                wr_bq$1 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$1$write_data = wr_data$1;
                banks$1$write_enable = wr_mask[1];
            end
        end
        if (wr_bank_of$2 == 1) begin
            if ((wr_m + lane_c$2) >= p_c) begin
                wr_bq$1 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$1$write_data = wr_data$2;
                banks$1$write_enable = wr_mask[2];
            end
        end
        if (wr_bank_of$3 == 1) begin
            if ((wr_m + lane_c$3) >= p_c) begin
                wr_bq$1 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$1$write_data = wr_data$3;
                banks$1$write_enable = wr_mask[3];
            end
        end
        if (col_major_c) begin
            wr_addr$1 = (wr_bq$1 << shift_c) + wr_row;
        end
        else begin
            wr_addr$1 = (wr_row << shift_c) + wr_bq$1;
        end
        if (wr_en) begin
            banks$1$write_address = wr_addr$1;
        end
        else begin
            banks$1$write_address = word_addr;
            if (word_en & word_we & (word_bank == 1)) begin
                banks$1$write_enable = 1'b1;
            end
        end
        banks$2$clock = clock;
        if (rd_en) begin
            banks$2$read_address = rd_addr$2;
        end
        else begin
            banks$2$read_address = word_addr;
        end
        wr_bq$2 = wr_q;
        banks$2$write_data = word_wdata;
        banks$2$write_enable = 1'b0;
        if (wr_bank_of$0 == 2) begin
            if ((wr_m + lane_c$0) >= p_c) begin
                wr_bq$2 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$2$write_data = wr_data$0;
                banks$2$write_enable = wr_mask[0];
            end
        end
        if (wr_bank_of$1 == 2) begin
            if ((wr_m + lane_c$1) >= p_c) begin
                wr_bq$2 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$2$write_data = wr_data$1;
                banks$2$write_enable = wr_mask[1];
            end
        end
        if (wr_bank_of$2 == 2) begin
            if ((wr_m + lane_c$2) >= p_c) begin
                wr_bq$2 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$2$write_data = wr_data$2;
                banks$2$write_enable = wr_mask[2];
            end
        end
        if (wr_bank_of$3 == 2) begin
            if ((wr_m + lane_c$3) >= p_c) begin
                wr_bq$2 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$2$write_data = wr_data$3;
                banks$2$write_enable = wr_mask[3];
            end
        end
        if (col_major_c) begin
            wr_addr$2 = (wr_bq$2 << shift_c) + wr_row;
        end
        else begin
            wr_addr$2 = (wr_row << shift_c) + wr_bq$2;
        end
        if (wr_en) begin
            banks$2$write_address = wr_addr$2;
        end
        else begin
            banks$2$write_address = word_addr;
            if (word_en & word_we & (word_bank == 2)) begin
                banks$2$write_enable = 1'b1;
            end
        end
        banks$3$clock = clock;
        if (rd_en) begin
            banks$3$read_address = rd_addr$3;
        end
        else begin
            banks$3$read_address = word_addr;
        end
        wr_bq$3 = wr_q;
        banks$3$write_data = word_wdata;
        banks$3$write_enable = 1'b0;
        if (wr_bank_of$0 == 3) begin
            if ((wr_m + lane_c$0) >= p_c) begin
                wr_bq$3 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$3$write_data = wr_data$0;
                banks$3$write_enable = wr_mask[0];
            end
        end
        if (wr_bank_of$1 == 3) begin
            if ((wr_m + lane_c$1) >= p_c) begin
                wr_bq$3 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$3$write_data = wr_data$1;
                banks$3$write_enable = wr_mask[1];
            end
        end
        if (wr_bank_of$2 == 3) begin
            if ((wr_m + lane_c$2) >= p_c) begin
                wr_bq$3 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$3$write_data = wr_data$2;
                banks$3$write_enable = wr_mask[2];
            end
        end
        if (wr_bank_of$3 == 3) begin
            if ((wr_m + lane_c$3) >= p_c) begin
                wr_bq$3 = wr_q + one_c;
            end
            if (wr_en) begin
                banks$3$write_data = wr_data$3;
                banks$3$write_enable = wr_mask[3];
            end
        end
        if (col_major_c) begin
            wr_addr$3 = (wr_bq$3 << shift_c) + wr_row;
        end
        else begin
            wr_addr$3 = (wr_row << shift_c) + wr_bq$3;
        end
        if (wr_en) begin
            banks$3$write_address = wr_addr$3;
        end
        else begin
            banks$3$write_address = word_addr;
            if (word_en & word_we & (word_bank == 3)) begin
                banks$3$write_enable = 1'b1;
            end
        end
        rd_en_q$d = rd_en;
        rd_s_q$d = rd_s;
        rd_lanes_q$d = rd_lanes;
        word_rd_q$d = word_en & ~word_we & ~rd_en;
        word_bank_q$d = word_bank;
        out_bank_of$0 = (rd_s_q$q + lane_c$0) & mask_c;
        rd_data$0 = zero_c;
        if ((out_bank_of$0 == 0) & rd_en_q$q & (lane_c$0 < rd_lanes_q$q)) begin
            rd_data$0 = banks$0$read_data;
        end
        if ((out_bank_of$0 == 1) & rd_en_q$q & (lane_c$0 < rd_lanes_q$q)) begin
            rd_data$0 = banks$1$read_data;
        end
        if ((out_bank_of$0 == 2) & rd_en_q$q & (lane_c$0 < rd_lanes_q$q)) begin
            rd_data$0 = banks$2$read_data;
        end
        if ((out_bank_of$0 == 3) & rd_en_q$q & (lane_c$0 < rd_lanes_q$q)) begin
            rd_data$0 = banks$3$read_data;
        end
        out_bank_of$1 = (rd_s_q$q + lane_c$1) & mask_c;
        rd_data$1 = zero_c;
        if ((out_bank_of$1 == 0) & rd_en_q$q & (lane_c$1 < rd_lanes_q$q)) begin
            rd_data$1 = banks$0$read_data;
        end
        if ((out_bank_of$1 == 1) & rd_en_q$q & (lane_c$1 < rd_lanes_q$q)) begin
            rd_data$1 = banks$1$read_data;
        end
        if ((out_bank_of$1 == 2) & rd_en_q$q & (lane_c$1 < rd_lanes_q$q)) begin
            rd_data$1 = banks$2$read_data;
        end
        if ((out_bank_of$1 == 3) & rd_en_q$q & (lane_c$1 < rd_lanes_q$q)) begin
            rd_data$1 = banks$3$read_data;
        end
        out_bank_of$2 = (rd_s_q$q + lane_c$2) & mask_c;
        rd_data$2 = zero_c;
        if ((out_bank_of$2 == 0) & rd_en_q$q & (lane_c$2 < rd_lanes_q$q)) begin
            rd_data$2 = banks$0$read_data;
        end
        if ((out_bank_of$2 == 1) & rd_en_q$q & (lane_c$2 < rd_lanes_q$q)) begin
            rd_data$2 = banks$1$read_data;
        end
        if ((out_bank_of$2 == 2) & rd_en_q$q & (lane_c$2 < rd_lanes_q$q)) begin
            rd_data$2 = banks$2$read_data;
        end
        if ((out_bank_of$2 == 3) & rd_en_q$q & (lane_c$2 < rd_lanes_q$q)) begin
            rd_data$2 = banks$3$read_data;
        end
        out_bank_of$3 = (rd_s_q$q + lane_c$3) & mask_c;
        rd_data$3 = zero_c;
        if ((out_bank_of$3 == 0) & rd_en_q$q & (lane_c$3 < rd_lanes_q$q)) begin
            rd_data$3 = banks$0$read_data;
        end
        if ((out_bank_of$3 == 1) & rd_en_q$q & (lane_c$3 < rd_lanes_q$q)) begin
            rd_data$3 = banks$1$read_data;
        end
        if ((out_bank_of$3 == 2) & rd_en_q$q & (lane_c$3 < rd_lanes_q$q)) begin
            rd_data$3 = banks$2$read_data;
        end
        if ((out_bank_of$3 == 3) & rd_en_q$q & (lane_c$3 < rd_lanes_q$q)) begin
            rd_data$3 = banks$3$read_data;
        end
        word_rdata = zero_c;
        if (word_rd_q$q & (word_bank_q$q == 0)) begin
            word_rdata = banks$0$read_data;
        end
        if (word_rd_q$q & (word_bank_q$q == 1)) begin
            word_rdata = banks$1$read_data;
        end
        if (word_rd_q$q & (word_bank_q$q == 2)) begin
            word_rdata = banks$2$read_data;
        end
        if (word_rd_q$q & (word_bank_q$q == 3)) begin
            word_rdata = banks$3$read_data;
        end
    end
    
endmodule // top


module top$banks$0(clock,read_address,read_data,write_address,write_data,write_enable);
    
    // Module arguments
    input wire  clock;
    input wire  [15:0] read_address;
    output reg  [15:0] read_data;
    input wire  [15:0] write_address;
    input wire  [15:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    localparam DEPTH = 520;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[1] = 16'h001c;
        mem[2] = 16'h0038;
        mem[3] = 16'h0054;
        mem[4] = 16'h0070;
        mem[5] = 16'h008c;
        mem[6] = 16'h00a8;
        mem[7] = 16'h00c4;
        mem[8] = 16'h0098;
        mem[9] = 16'h00b4;
        mem[10] = 16'h00d0;
        mem[11] = 16'h00ec;
        mem[12] = 16'h0108;
        mem[13] = 16'h0124;
        mem[14] = 16'h0140;
        mem[15] = 16'h0100;
        mem[16] = 16'h0114;
        mem[17] = 16'h0130;
        mem[18] = 16'h014c;
        mem[19] = 16'h0168;
        mem[20] = 16'h0184;
        mem[21] = 16'h01a0;
        mem[22] = 16'h01bc;
        mem[23] = 16'h01d8;
        mem[24] = 16'h0190;
        mem[25] = 16'h01ac;
        mem[26] = 16'h01c8;
        mem[27] = 16'h01e4;
        mem[28] = 16'h0200;
        mem[29] = 16'h021c;
        mem[30] = 16'h0238;
        mem[31] = 16'h0254;
        mem[32] = 16'h020c;
        mem[33] = 16'h0228;
        mem[34] = 16'h0244;
        mem[35] = 16'h0260;
        mem[36] = 16'h027c;
        mem[37] = 16'h0298;
        mem[38] = 16'h02b4;
        mem[39] = 16'h02d0;
        mem[40] = 16'h02a4;
        mem[41] = 16'h02c0;
        mem[42] = 16'h02dc;
        mem[43] = 16'h02f8;
        mem[44] = 16'h0314;
        mem[45] = 16'h0330;
        mem[46] = 16'h034c;
        mem[47] = 16'h0100;
        mem[48] = 16'h0320;
        mem[49] = 16'h033c;
        mem[50] = 16'h0358;
        mem[51] = 16'h0374;
        mem[52] = 16'h0390;
        mem[53] = 16'h03ac;
        mem[54] = 16'h03c8;
        mem[55] = 16'h03e4;
        mem[56] = 16'h039c;
        mem[57] = 16'h03b8;
        mem[58] = 16'h03d4;
        mem[59] = 16'h03f0;
        mem[60] = 16'h040c;
        mem[61] = 16'h0428;
        mem[62] = 16'h0444;
        mem[63] = 16'h0460;
        mem[64] = 16'h0418;
        mem[65] = 16'h0434;
        mem[66] = 16'h0450;
        mem[67] = 16'h046c;
        mem[68] = 16'h0488;
        mem[69] = 16'h04a4;
        mem[70] = 16'h04c0;
        mem[71] = 16'h04dc;
        mem[72] = 16'h04b0;
        mem[73] = 16'h04cc;
        mem[74] = 16'h04e8;
        mem[75] = 16'h0504;
        mem[76] = 16'h0520;
        mem[77] = 16'h053c;
        mem[78] = 16'h0558;
        mem[79] = 16'h0100;
        mem[80] = 16'h052c;
        mem[81] = 16'h0548;
        mem[82] = 16'h0564;
        mem[83] = 16'h0580;
        mem[84] = 16'h059c;
        mem[85] = 16'h05b8;
        mem[86] = 16'h05d4;
        mem[87] = 16'h05f0;
        mem[88] = 16'h05a8;
        mem[89] = 16'h05c4;
        mem[90] = 16'h05e0;
        mem[91] = 16'h05fc;
        mem[92] = 16'h0618;
        mem[93] = 16'h0634;
        mem[94] = 16'h0650;
        mem[95] = 16'h066c;
        mem[96] = 16'h0624;
        mem[97] = 16'h0640;
        mem[98] = 16'h065c;
        mem[99] = 16'h0678;
        mem[100] = 16'h0694;
        mem[101] = 16'h06b0;
        mem[102] = 16'h06cc;
        mem[103] = 16'h06e8;
        mem[104] = 16'h06bc;
        mem[105] = 16'h06d8;
        mem[106] = 16'h06f4;
        mem[107] = 16'h0710;
        mem[108] = 16'h072c;
        mem[109] = 16'h0748;
        mem[110] = 16'h0764;
        mem[111] = 16'h0100;
        mem[112] = 16'h0738;
        mem[113] = 16'h0754;
        mem[114] = 16'h0770;
        mem[115] = 16'h078c;
        mem[116] = 16'h07a8;
        mem[117] = 16'h07c4;
        mem[118] = 16'h07e0;
        mem[119] = 16'h07fc;
        mem[120] = 16'h07b4;
        mem[121] = 16'h07d0;
        mem[122] = 16'h07ec;
        mem[123] = 16'h0808;
        mem[124] = 16'h0824;
        mem[125] = 16'h0840;
        mem[126] = 16'h085c;
        mem[127] = 16'h0878;
        mem[128] = 16'h0830;
        mem[129] = 16'h084c;
        mem[130] = 16'h0868;
        mem[131] = 16'h0884;
        mem[132] = 16'h08a0;
        mem[133] = 16'h08bc;
        mem[134] = 16'h08d8;
        mem[135] = 16'h08f4;
        mem[136] = 16'h08c8;
        mem[137] = 16'h08e4;
        mem[138] = 16'h0900;
        mem[139] = 16'h091c;
        mem[140] = 16'h0938;
        mem[141] = 16'h0954;
        mem[142] = 16'h0970;
        mem[143] = 16'h0100;
        mem[144] = 16'h0944;
        mem[145] = 16'h0960;
        mem[146] = 16'h097c;
        mem[147] = 16'h0998;
        mem[148] = 16'h09b4;
        mem[149] = 16'h09d0;
        mem[150] = 16'h09ec;
        mem[151] = 16'h0a08;
        mem[152] = 16'h09c0;
        mem[153] = 16'h09dc;
        mem[154] = 16'h09f8;
        mem[155] = 16'h0a14;
        mem[156] = 16'h0a30;
        mem[157] = 16'h0a4c;
        mem[158] = 16'h0a68;
        mem[159] = 16'h0a84;
        mem[160] = 16'h0a3c;
        mem[161] = 16'h0a58;
        mem[162] = 16'h0a74;
        mem[163] = 16'h0a90;
        mem[164] = 16'h0aac;
        mem[165] = 16'h0ac8;
        mem[166] = 16'h0ae4;
        mem[167] = 16'h0b00;
        mem[168] = 16'h0ad4;
        mem[169] = 16'h0af0;
        mem[170] = 16'h0b0c;
        mem[171] = 16'h0b28;
        mem[172] = 16'h0b44;
        mem[173] = 16'h0b60;
        mem[174] = 16'h0b7c;
        mem[175] = 16'h0100;
        mem[176] = 16'h0b50;
        mem[177] = 16'h0b6c;
        mem[178] = 16'h0b88;
        mem[179] = 16'h0ba4;
        mem[180] = 16'h0bc0;
        mem[181] = 16'h0bdc;
        mem[182] = 16'h0bf8;
        mem[183] = 16'h0c14;
        mem[184] = 16'h0bcc;
        mem[185] = 16'h0be8;
        mem[186] = 16'h0c04;
        mem[187] = 16'h0c20;
        mem[188] = 16'h0c3c;
        mem[189] = 16'h0c58;
        mem[190] = 16'h0c74;
        mem[191] = 16'h0c90;
        mem[192] = 16'h0c48;
        mem[193] = 16'h0c64;
        mem[194] = 16'h0c80;
        mem[195] = 16'h0c9c;
        mem[196] = 16'h0cb8;
        mem[197] = 16'h0cd4;
        mem[198] = 16'h0cf0;
        mem[199] = 16'h0d0c;
        mem[200] = 16'h0ce0;
        mem[201] = 16'h0cfc;
        mem[202] = 16'h0d18;
        mem[203] = 16'h0d34;
        mem[204] = 16'h0d50;
        mem[205] = 16'h0d6c;
        mem[206] = 16'h0d88;
        mem[207] = 16'h0100;
        mem[208] = 16'h0d5c;
        mem[209] = 16'h0d78;
        mem[210] = 16'h0d94;
        mem[211] = 16'h0db0;
        mem[212] = 16'h0dcc;
        mem[213] = 16'h0de8;
        mem[214] = 16'h0e04;
        mem[215] = 16'h0e20;
        mem[216] = 16'h0dd8;
        mem[217] = 16'h0df4;
        mem[218] = 16'h0e10;
        mem[219] = 16'h0e2c;
        mem[220] = 16'h0e48;
        mem[221] = 16'h0e64;
        mem[222] = 16'h0e80;
        mem[223] = 16'h0e9c;
        mem[224] = 16'h0e54;
        mem[225] = 16'h0e70;
        mem[226] = 16'h0e8c;
        mem[227] = 16'h0ea8;
        mem[228] = 16'h0ec4;
        mem[229] = 16'h0ee0;
        mem[230] = 16'h0efc;
        mem[231] = 16'h0f18;
        mem[232] = 16'h0eec;
        mem[233] = 16'h0f08;
        mem[234] = 16'h0f24;
        mem[235] = 16'h0f40;
        mem[236] = 16'h0f5c;
        mem[237] = 16'h0f78;
        mem[238] = 16'h0f94;
        mem[239] = 16'h0100;
        mem[240] = 16'h0f68;
        mem[241] = 16'h0f84;
        mem[242] = 16'h0fa0;
        mem[243] = 16'h0fbc;
        mem[244] = 16'h0fd8;
        mem[245] = 16'h0ff4;
        mem[246] = 16'h1010;
        mem[247] = 16'h102c;
        mem[248] = 16'h0fe4;
        mem[249] = 16'h1000;
        mem[250] = 16'h101c;
        mem[251] = 16'h1038;
        mem[252] = 16'h1054;
        mem[253] = 16'h1070;
        mem[254] = 16'h108c;
        mem[255] = 16'h10a8;
        mem[256] = 16'h1060;
        mem[257] = 16'h107c;
        mem[258] = 16'h1098;
        mem[259] = 16'h10b4;
        mem[260] = 16'h10d0;
        mem[261] = 16'h10ec;
        mem[262] = 16'h1108;
        mem[263] = 16'h1124;
        mem[264] = 16'h10f8;
        mem[265] = 16'h1114;
        mem[266] = 16'h1130;
        mem[267] = 16'h114c;
        mem[268] = 16'h1168;
        mem[269] = 16'h1184;
        mem[270] = 16'h11a0;
        mem[271] = 16'h0100;
        mem[272] = 16'h1174;
        mem[273] = 16'h1190;
        mem[274] = 16'h11ac;
        mem[275] = 16'h11c8;
        mem[276] = 16'h11e4;
        mem[277] = 16'h1200;
        mem[278] = 16'h121c;
        mem[279] = 16'h1238;
        mem[280] = 16'h11f0;
        mem[281] = 16'h120c;
        mem[282] = 16'h1228;
        mem[283] = 16'h1244;
        mem[284] = 16'h1260;
        mem[285] = 16'h127c;
        mem[286] = 16'h1298;
        mem[287] = 16'h12b4;
        mem[288] = 16'h126c;
        mem[289] = 16'h1288;
        mem[290] = 16'h12a4;
        mem[291] = 16'h12c0;
        mem[292] = 16'h12dc;
        mem[293] = 16'h12f8;
        mem[294] = 16'h1314;
        mem[295] = 16'h1330;
        mem[296] = 16'h1304;
        mem[297] = 16'h1320;
        mem[298] = 16'h133c;
        mem[299] = 16'h1358;
        mem[300] = 16'h1374;
        mem[301] = 16'h1390;
        mem[302] = 16'h13ac;
        mem[303] = 16'h0100;
        mem[304] = 16'h1380;
        mem[305] = 16'h139c;
        mem[306] = 16'h13b8;
        mem[307] = 16'h13d4;
        mem[308] = 16'h13f0;
        mem[309] = 16'h140c;
        mem[310] = 16'h1428;
        mem[311] = 16'h1444;
        mem[312] = 16'h13fc;
        mem[313] = 16'h1418;
        mem[314] = 16'h1434;
        mem[315] = 16'h1450;
        mem[316] = 16'h146c;
        mem[317] = 16'h1488;
        mem[318] = 16'h14a4;
        mem[319] = 16'h14c0;
        mem[320] = 16'h1478;
        mem[321] = 16'h1494;
        mem[322] = 16'h14b0;
        mem[323] = 16'h14cc;
        mem[324] = 16'h14e8;
        mem[325] = 16'h1504;
        mem[326] = 16'h1520;
        mem[327] = 16'h153c;
        mem[328] = 16'h1510;
        mem[329] = 16'h152c;
        mem[330] = 16'h1548;
        mem[331] = 16'h1564;
        mem[332] = 16'h1580;
        mem[333] = 16'h159c;
        mem[334] = 16'h15b8;
        mem[335] = 16'h0100;
        mem[336] = 16'h158c;
        mem[337] = 16'h15a8;
        mem[338] = 16'h15c4;
        mem[339] = 16'h15e0;
        mem[340] = 16'h15fc;
        mem[341] = 16'h1618;
        mem[342] = 16'h1634;
        mem[343] = 16'h1650;
        mem[344] = 16'h1608;
        mem[345] = 16'h1624;
        mem[346] = 16'h1640;
        mem[347] = 16'h165c;
        mem[348] = 16'h1678;
        mem[349] = 16'h1694;
        mem[350] = 16'h16b0;
        mem[351] = 16'h16cc;
        mem[352] = 16'h1684;
        mem[353] = 16'h16a0;
        mem[354] = 16'h16bc;
        mem[355] = 16'h16d8;
        mem[356] = 16'h16f4;
        mem[357] = 16'h1710;
        mem[358] = 16'h172c;
        mem[359] = 16'h1748;
        mem[360] = 16'h171c;
        mem[361] = 16'h1738;
        mem[362] = 16'h1754;
        mem[363] = 16'h1770;
        mem[364] = 16'h178c;
        mem[365] = 16'h17a8;
        mem[366] = 16'h17c4;
        mem[367] = 16'h0100;
        mem[368] = 16'h1798;
        mem[369] = 16'h17b4;
        mem[370] = 16'h17d0;
        mem[371] = 16'h17ec;
        mem[372] = 16'h1808;
        mem[373] = 16'h1824;
        mem[374] = 16'h1840;
        mem[375] = 16'h185c;
        mem[376] = 16'h1814;
        mem[377] = 16'h1830;
        mem[378] = 16'h184c;
        mem[379] = 16'h1868;
        mem[380] = 16'h1884;
        mem[381] = 16'h18a0;
        mem[382] = 16'h18bc;
        mem[383] = 16'h18d8;
        mem[384] = 16'h1890;
        mem[385] = 16'h18ac;
        mem[386] = 16'h18c8;
        mem[387] = 16'h18e4;
        mem[388] = 16'h1900;
        mem[389] = 16'h191c;
        mem[390] = 16'h1938;
        mem[391] = 16'h1954;
        mem[392] = 16'h1928;
        mem[393] = 16'h1944;
        mem[394] = 16'h1960;
        mem[395] = 16'h197c;
        mem[396] = 16'h1998;
        mem[397] = 16'h19b4;
        mem[398] = 16'h19d0;
        mem[399] = 16'h0100;
        mem[400] = 16'h19a4;
        mem[401] = 16'h19c0;
        mem[402] = 16'h19dc;
        mem[403] = 16'h19f8;
        mem[404] = 16'h1a14;
        mem[405] = 16'h1a30;
        mem[406] = 16'h1a4c;
        mem[407] = 16'h1a68;
        mem[408] = 16'h1a20;
        mem[409] = 16'h1a3c;
        mem[410] = 16'h1a58;
        mem[411] = 16'h1a74;
        mem[412] = 16'h1a90;
        mem[413] = 16'h1aac;
        mem[414] = 16'h1ac8;
        mem[415] = 16'h1ae4;
        mem[416] = 16'h1a9c;
        mem[417] = 16'h1ab8;
        mem[418] = 16'h1ad4;
        mem[419] = 16'h1af0;
        mem[420] = 16'h1b0c;
        mem[421] = 16'h1b28;
        mem[422] = 16'h1b44;
        mem[423] = 16'h1b60;
        mem[424] = 16'h1b34;
        mem[425] = 16'h1b50;
        mem[426] = 16'h1b6c;
        mem[427] = 16'h1b88;
        mem[428] = 16'h1ba4;
        mem[429] = 16'h1bc0;
        mem[430] = 16'h1bdc;
        mem[431] = 16'h0100;
        mem[432] = 16'h1bb0;
        mem[433] = 16'h1bcc;
        mem[434] = 16'h1be8;
        mem[435] = 16'h1c04;
        mem[436] = 16'h1c20;
        mem[437] = 16'h1c3c;
        mem[438] = 16'h1c58;
        mem[439] = 16'h1c74;
        mem[440] = 16'h1c2c;
        mem[441] = 16'h1c48;
        mem[442] = 16'h1c64;
        mem[443] = 16'h1c80;
        mem[444] = 16'h1c9c;
        mem[445] = 16'h1cb8;
        mem[446] = 16'h1cd4;
        mem[447] = 16'h1cf0;
        mem[448] = 16'h1ca8;
        mem[449] = 16'h1cc4;
        mem[450] = 16'h1ce0;
        mem[451] = 16'h1cfc;
        mem[452] = 16'h1d18;
        mem[453] = 16'h1d34;
        mem[454] = 16'h1d50;
        mem[455] = 16'h1d6c;
        mem[456] = 16'h1d40;
        mem[457] = 16'h1d5c;
        mem[458] = 16'h1d78;
        mem[459] = 16'h1d94;
        mem[460] = 16'h1db0;
        mem[461] = 16'h1dcc;
        mem[462] = 16'h1de8;
        mem[463] = 16'h0100;
        mem[464] = 16'h1dbc;
        mem[465] = 16'h1dd8;
        mem[466] = 16'h1df4;
        mem[467] = 16'h1e10;
        mem[468] = 16'h1e2c;
        mem[469] = 16'h1e48;
        mem[470] = 16'h1e64;
        mem[471] = 16'h1e80;
        mem[472] = 16'h1e38;
        mem[473] = 16'h1e54;
        mem[474] = 16'h1e70;
        mem[475] = 16'h1e8c;
        mem[476] = 16'h1ea8;
        mem[477] = 16'h1ec4;
        mem[478] = 16'h1ee0;
        mem[479] = 16'h1efc;
        mem[480] = 16'h1eb4;
        mem[481] = 16'h1ed0;
        mem[482] = 16'h1eec;
        mem[483] = 16'h1f08;
        mem[484] = 16'h1f24;
        mem[485] = 16'h1f40;
        mem[486] = 16'h1f5c;
        mem[487] = 16'h1f78;
        mem[488] = 16'h1f4c;
        mem[489] = 16'h1f68;
        mem[490] = 16'h1f84;
        mem[491] = 16'h1fa0;
        mem[492] = 16'h1fbc;
        mem[493] = 16'h1fd8;
        mem[494] = 16'h1ff4;
        mem[495] = 16'h0100;
        mem[496] = 16'h1fc8;
        mem[497] = 16'h1fe4;
        mem[498] = 16'h2000;
        mem[499] = 16'h201c;
        mem[500] = 16'h2038;
        mem[501] = 16'h2054;
        mem[502] = 16'h2070;
        mem[503] = 16'h208c;
        mem[504] = 16'h2044;
        mem[505] = 16'h2060;
        mem[506] = 16'h207c;
        mem[507] = 16'h2098;
        mem[508] = 16'h20b4;
        mem[509] = 16'h20d0;
        mem[510] = 16'h20ec;
        mem[511] = 16'h2108;
        mem[512] = 16'h20c0;
        mem[513] = 16'h20dc;
        mem[514] = 16'h20f8;
        mem[515] = 16'h2114;
        mem[516] = 16'h2130;
        mem[517] = 16'h214c;
        mem[518] = 16'h2168;
        mem[519] = 16'h2184;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd520) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd520;
    end
    always @(*) read_data = rd_ok ? rd_raw : 16'h0;
endmodule // top$banks$0


module top$banks$1(clock,read_address,read_data,write_address,write_data,write_enable);
    
    // Module arguments
    input wire  clock;
    input wire  [15:0] read_address;
    output reg  [15:0] read_data;
    input wire  [15:0] write_address;
    input wire  [15:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    localparam DEPTH = 520;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[0] = 16'h0007;
        mem[1] = 16'h0023;
        mem[2] = 16'h003f;
        mem[3] = 16'h005b;
        mem[4] = 16'h0077;
        mem[5] = 16'h0093;
        mem[6] = 16'h00af;
        mem[7] = 16'h00cb;
        mem[8] = 16'h0083;
        mem[9] = 16'h009f;
        mem[10] = 16'h00bb;
        mem[11] = 16'h00d7;
        mem[12] = 16'h00f3;
        mem[13] = 16'h010f;
        mem[14] = 16'h012b;
        mem[15] = 16'h0147;
        mem[16] = 16'h011b;
        mem[17] = 16'h0137;
        mem[18] = 16'h0153;
        mem[19] = 16'h016f;
        mem[20] = 16'h018b;
        mem[21] = 16'h01a7;
        mem[22] = 16'h01c3;
        mem[23] = 16'h0100;
        mem[24] = 16'h0197;
        mem[25] = 16'h01b3;
        mem[26] = 16'h01cf;
        mem[27] = 16'h01eb;
        mem[28] = 16'h0207;
        mem[29] = 16'h0223;
        mem[30] = 16'h023f;
        mem[31] = 16'h025b;
        mem[32] = 16'h0213;
        mem[33] = 16'h022f;
        mem[34] = 16'h024b;
        mem[35] = 16'h0267;
        mem[36] = 16'h0283;
        mem[37] = 16'h029f;
        mem[38] = 16'h02bb;
        mem[39] = 16'h02d7;
        mem[40] = 16'h028f;
        mem[41] = 16'h02ab;
        mem[42] = 16'h02c7;
        mem[43] = 16'h02e3;
        mem[44] = 16'h02ff;
        mem[45] = 16'h031b;
        mem[46] = 16'h0337;
        mem[47] = 16'h0353;
        mem[48] = 16'h0327;
        mem[49] = 16'h0343;
        mem[50] = 16'h035f;
        mem[51] = 16'h037b;
        mem[52] = 16'h0397;
        mem[53] = 16'h03b3;
        mem[54] = 16'h03cf;
        mem[55] = 16'h0100;
        mem[56] = 16'h03a3;
        mem[57] = 16'h03bf;
        mem[58] = 16'h03db;
        mem[59] = 16'h03f7;
        mem[60] = 16'h0413;
        mem[61] = 16'h042f;
        mem[62] = 16'h044b;
        mem[63] = 16'h0467;
        mem[64] = 16'h041f;
        mem[65] = 16'h043b;
        mem[66] = 16'h0457;
        mem[67] = 16'h0473;
        mem[68] = 16'h048f;
        mem[69] = 16'h04ab;
        mem[70] = 16'h04c7;
        mem[71] = 16'h04e3;
        mem[72] = 16'h049b;
        mem[73] = 16'h04b7;
        mem[74] = 16'h04d3;
        mem[75] = 16'h04ef;
        mem[76] = 16'h050b;
        mem[77] = 16'h0527;
        mem[78] = 16'h0543;
        mem[79] = 16'h055f;
        mem[80] = 16'h0533;
        mem[81] = 16'h054f;
        mem[82] = 16'h056b;
        mem[83] = 16'h0587;
        mem[84] = 16'h05a3;
        mem[85] = 16'h05bf;
        mem[86] = 16'h05db;
        mem[87] = 16'h0100;
        mem[88] = 16'h05af;
        mem[89] = 16'h05cb;
        mem[90] = 16'h05e7;
        mem[91] = 16'h0603;
        mem[92] = 16'h061f;
        mem[93] = 16'h063b;
        mem[94] = 16'h0657;
        mem[95] = 16'h0673;
        mem[96] = 16'h062b;
        mem[97] = 16'h0647;
        mem[98] = 16'h0663;
        mem[99] = 16'h067f;
        mem[100] = 16'h069b;
        mem[101] = 16'h06b7;
        mem[102] = 16'h06d3;
        mem[103] = 16'h06ef;
        mem[104] = 16'h06a7;
        mem[105] = 16'h06c3;
        mem[106] = 16'h06df;
        mem[107] = 16'h06fb;
        mem[108] = 16'h0717;
        mem[109] = 16'h0733;
        mem[110] = 16'h074f;
        mem[111] = 16'h076b;
        mem[112] = 16'h073f;
        mem[113] = 16'h075b;
        mem[114] = 16'h0777;
        mem[115] = 16'h0793;
        mem[116] = 16'h07af;
        mem[117] = 16'h07cb;
        mem[118] = 16'h07e7;
        mem[119] = 16'h0100;
        mem[120] = 16'h07bb;
        mem[121] = 16'h07d7;
        mem[122] = 16'h07f3;
        mem[123] = 16'h080f;
        mem[124] = 16'h082b;
        mem[125] = 16'h0847;
        mem[126] = 16'h0863;
        mem[127] = 16'h087f;
        mem[128] = 16'h0837;
        mem[129] = 16'h0853;
        mem[130] = 16'h086f;
        mem[131] = 16'h088b;
        mem[132] = 16'h08a7;
        mem[133] = 16'h08c3;
        mem[134] = 16'h08df;
        mem[135] = 16'h08fb;
        mem[136] = 16'h08b3;
        mem[137] = 16'h08cf;
        mem[138] = 16'h08eb;
        mem[139] = 16'h0907;
        mem[140] = 16'h0923;
        mem[141] = 16'h093f;
        mem[142] = 16'h095b;
        mem[143] = 16'h0977;
        mem[144] = 16'h094b;
        mem[145] = 16'h0967;
        mem[146] = 16'h0983;
        mem[147] = 16'h099f;
        mem[148] = 16'h09bb;
        mem[149] = 16'h09d7;
        mem[150] = 16'h09f3;
        mem[151] = 16'h0100;
        mem[152] = 16'h09c7;
        mem[153] = 16'h09e3;
        mem[154] = 16'h09ff;
        mem[155] = 16'h0a1b;
        mem[156] = 16'h0a37;
        mem[157] = 16'h0a53;
        mem[158] = 16'h0a6f;
        mem[159] = 16'h0a8b;
        mem[160] = 16'h0a43;
        mem[161] = 16'h0a5f;
        mem[162] = 16'h0a7b;
        mem[163] = 16'h0a97;
        mem[164] = 16'h0ab3;
        mem[165] = 16'h0acf;
        mem[166] = 16'h0aeb;
        mem[167] = 16'h0b07;
        mem[168] = 16'h0abf;
        mem[169] = 16'h0adb;
        mem[170] = 16'h0af7;
        mem[171] = 16'h0b13;
        mem[172] = 16'h0b2f;
        mem[173] = 16'h0b4b;
        mem[174] = 16'h0b67;
        mem[175] = 16'h0b83;
        mem[176] = 16'h0b57;
        mem[177] = 16'h0b73;
        mem[178] = 16'h0b8f;
        mem[179] = 16'h0bab;
        mem[180] = 16'h0bc7;
        mem[181] = 16'h0be3;
        mem[182] = 16'h0bff;
        mem[183] = 16'h0100;
        mem[184] = 16'h0bd3;
        mem[185] = 16'h0bef;
        mem[186] = 16'h0c0b;
        mem[187] = 16'h0c27;
        mem[188] = 16'h0c43;
        mem[189] = 16'h0c5f;
        mem[190] = 16'h0c7b;
        mem[191] = 16'h0c97;
        mem[192] = 16'h0c4f;
        mem[193] = 16'h0c6b;
        mem[194] = 16'h0c87;
        mem[195] = 16'h0ca3;
        mem[196] = 16'h0cbf;
        mem[197] = 16'h0cdb;
        mem[198] = 16'h0cf7;
        mem[199] = 16'h0d13;
        mem[200] = 16'h0ccb;
        mem[201] = 16'h0ce7;
        mem[202] = 16'h0d03;
        mem[203] = 16'h0d1f;
        mem[204] = 16'h0d3b;
        mem[205] = 16'h0d57;
        mem[206] = 16'h0d73;
        mem[207] = 16'h0d8f;
        mem[208] = 16'h0d63;
        mem[209] = 16'h0d7f;
        mem[210] = 16'h0d9b;
        mem[211] = 16'h0db7;
        mem[212] = 16'h0dd3;
        mem[213] = 16'h0def;
        mem[214] = 16'h0e0b;
        mem[215] = 16'h0100;
        mem[216] = 16'h0ddf;
        mem[217] = 16'h0dfb;
        mem[218] = 16'h0e17;
        mem[219] = 16'h0e33;
        mem[220] = 16'h0e4f;
        mem[221] = 16'h0e6b;
        mem[222] = 16'h0e87;
        mem[223] = 16'h0ea3;
        mem[224] = 16'h0e5b;
        mem[225] = 16'h0e77;
        mem[226] = 16'h0e93;
        mem[227] = 16'h0eaf;
        mem[228] = 16'h0ecb;
        mem[229] = 16'h0ee7;
        mem[230] = 16'h0f03;
        mem[231] = 16'h0f1f;
        mem[232] = 16'h0ed7;
        mem[233] = 16'h0ef3;
        mem[234] = 16'h0f0f;
        mem[235] = 16'h0f2b;
        mem[236] = 16'h0f47;
        mem[237] = 16'h0f63;
        mem[238] = 16'h0f7f;
        mem[239] = 16'h0f9b;
        mem[240] = 16'h0f6f;
        mem[241] = 16'h0f8b;
        mem[242] = 16'h0fa7;
        mem[243] = 16'h0fc3;
        mem[244] = 16'h0fdf;
        mem[245] = 16'h0ffb;
        mem[246] = 16'h1017;
        mem[247] = 16'h0100;
        mem[248] = 16'h0feb;
        mem[249] = 16'h1007;
        mem[250] = 16'h1023;
        mem[251] = 16'h103f;
        mem[252] = 16'h105b;
        mem[253] = 16'h1077;
        mem[254] = 16'h1093;
        mem[255] = 16'h10af;
        mem[256] = 16'h1067;
        mem[257] = 16'h1083;
        mem[258] = 16'h109f;
        mem[259] = 16'h10bb;
        mem[260] = 16'h10d7;
        mem[261] = 16'h10f3;
        mem[262] = 16'h110f;
        mem[263] = 16'h112b;
        mem[264] = 16'h10e3;
        mem[265] = 16'h10ff;
        mem[266] = 16'h111b;
        mem[267] = 16'h1137;
        mem[268] = 16'h1153;
        mem[269] = 16'h116f;
        mem[270] = 16'h118b;
        mem[271] = 16'h11a7;
        mem[272] = 16'h117b;
        mem[273] = 16'h1197;
        mem[274] = 16'h11b3;
        mem[275] = 16'h11cf;
        mem[276] = 16'h11eb;
        mem[277] = 16'h1207;
        mem[278] = 16'h1223;
        mem[279] = 16'h0100;
        mem[280] = 16'h11f7;
        mem[281] = 16'h1213;
        mem[282] = 16'h122f;
        mem[283] = 16'h124b;
        mem[284] = 16'h1267;
        mem[285] = 16'h1283;
        mem[286] = 16'h129f;
        mem[287] = 16'h12bb;
        mem[288] = 16'h1273;
        mem[289] = 16'h128f;
        mem[290] = 16'h12ab;
        mem[291] = 16'h12c7;
        mem[292] = 16'h12e3;
        mem[293] = 16'h12ff;
        mem[294] = 16'h131b;
        mem[295] = 16'h1337;
        mem[296] = 16'h12ef;
        mem[297] = 16'h130b;
        mem[298] = 16'h1327;
        mem[299] = 16'h1343;
        mem[300] = 16'h135f;
        mem[301] = 16'h137b;
        mem[302] = 16'h1397;
        mem[303] = 16'h13b3;
        mem[304] = 16'h1387;
        mem[305] = 16'h13a3;
        mem[306] = 16'h13bf;
        mem[307] = 16'h13db;
        mem[308] = 16'h13f7;
        mem[309] = 16'h1413;
        mem[310] = 16'h142f;
        mem[311] = 16'h0100;
        mem[312] = 16'h1403;
        mem[313] = 16'h141f;
        mem[314] = 16'h143b;
        mem[315] = 16'h1457;
        mem[316] = 16'h1473;
        mem[317] = 16'h148f;
        mem[318] = 16'h14ab;
        mem[319] = 16'h14c7;
        mem[320] = 16'h147f;
        mem[321] = 16'h149b;
        mem[322] = 16'h14b7;
        mem[323] = 16'h14d3;
        mem[324] = 16'h14ef;
        mem[325] = 16'h150b;
        mem[326] = 16'h1527;
        mem[327] = 16'h1543;
        mem[328] = 16'h14fb;
        mem[329] = 16'h1517;
        mem[330] = 16'h1533;
        mem[331] = 16'h154f;
        mem[332] = 16'h156b;
        mem[333] = 16'h1587;
        mem[334] = 16'h15a3;
        mem[335] = 16'h15bf;
        mem[336] = 16'h1593;
        mem[337] = 16'h15af;
        mem[338] = 16'h15cb;
        mem[339] = 16'h15e7;
        mem[340] = 16'h1603;
        mem[341] = 16'h161f;
        mem[342] = 16'h163b;
        mem[343] = 16'h0100;
        mem[344] = 16'h160f;
        mem[345] = 16'h162b;
        mem[346] = 16'h1647;
        mem[347] = 16'h1663;
        mem[348] = 16'h167f;
        mem[349] = 16'h169b;
        mem[350] = 16'h16b7;
        mem[351] = 16'h16d3;
        mem[352] = 16'h168b;
        mem[353] = 16'h16a7;
        mem[354] = 16'h16c3;
        mem[355] = 16'h16df;
        mem[356] = 16'h16fb;
        mem[357] = 16'h1717;
        mem[358] = 16'h1733;
        mem[359] = 16'h174f;
        mem[360] = 16'h1707;
        mem[361] = 16'h1723;
        mem[362] = 16'h173f;
        mem[363] = 16'h175b;
        mem[364] = 16'h1777;
        mem[365] = 16'h1793;
        mem[366] = 16'h17af;
        mem[367] = 16'h17cb;
        mem[368] = 16'h179f;
        mem[369] = 16'h17bb;
        mem[370] = 16'h17d7;
        mem[371] = 16'h17f3;
        mem[372] = 16'h180f;
        mem[373] = 16'h182b;
        mem[374] = 16'h1847;
        mem[375] = 16'h0100;
        mem[376] = 16'h181b;
        mem[377] = 16'h1837;
        mem[378] = 16'h1853;
        mem[379] = 16'h186f;
        mem[380] = 16'h188b;
        mem[381] = 16'h18a7;
        mem[382] = 16'h18c3;
        mem[383] = 16'h18df;
        mem[384] = 16'h1897;
        mem[385] = 16'h18b3;
        mem[386] = 16'h18cf;
        mem[387] = 16'h18eb;
        mem[388] = 16'h1907;
        mem[389] = 16'h1923;
        mem[390] = 16'h193f;
        mem[391] = 16'h195b;
        mem[392] = 16'h1913;
        mem[393] = 16'h192f;
        mem[394] = 16'h194b;
        mem[395] = 16'h1967;
        mem[396] = 16'h1983;
        mem[397] = 16'h199f;
        mem[398] = 16'h19bb;
        mem[399] = 16'h19d7;
        mem[400] = 16'h19ab;
        mem[401] = 16'h19c7;
        mem[402] = 16'h19e3;
        mem[403] = 16'h19ff;
        mem[404] = 16'h1a1b;
        mem[405] = 16'h1a37;
        mem[406] = 16'h1a53;
        mem[407] = 16'h0100;
        mem[408] = 16'h1a27;
        mem[409] = 16'h1a43;
        mem[410] = 16'h1a5f;
        mem[411] = 16'h1a7b;
        mem[412] = 16'h1a97;
        mem[413] = 16'h1ab3;
        mem[414] = 16'h1acf;
        mem[415] = 16'h1aeb;
        mem[416] = 16'h1aa3;
        mem[417] = 16'h1abf;
        mem[418] = 16'h1adb;
        mem[419] = 16'h1af7;
        mem[420] = 16'h1b13;
        mem[421] = 16'h1b2f;
        mem[422] = 16'h1b4b;
        mem[423] = 16'h1b67;
        mem[424] = 16'h1b1f;
        mem[425] = 16'h1b3b;
        mem[426] = 16'h1b57;
        mem[427] = 16'h1b73;
        mem[428] = 16'h1b8f;
        mem[429] = 16'h1bab;
        mem[430] = 16'h1bc7;
        mem[431] = 16'h1be3;
        mem[432] = 16'h1bb7;
        mem[433] = 16'h1bd3;
        mem[434] = 16'h1bef;
        mem[435] = 16'h1c0b;
        mem[436] = 16'h1c27;
        mem[437] = 16'h1c43;
        mem[438] = 16'h1c5f;
        mem[439] = 16'h0100;
        mem[440] = 16'h1c33;
        mem[441] = 16'h1c4f;
        mem[442] = 16'h1c6b;
        mem[443] = 16'h1c87;
        mem[444] = 16'h1ca3;
        mem[445] = 16'h1cbf;
        mem[446] = 16'h1cdb;
        mem[447] = 16'h1cf7;
        mem[448] = 16'h1caf;
        mem[449] = 16'h1ccb;
        mem[450] = 16'h1ce7;
        mem[451] = 16'h1d03;
        mem[452] = 16'h1d1f;
        mem[453] = 16'h1d3b;
        mem[454] = 16'h1d57;
        mem[455] = 16'h1d73;
        mem[456] = 16'h1d2b;
        mem[457] = 16'h1d47;
        mem[458] = 16'h1d63;
        mem[459] = 16'h1d7f;
        mem[460] = 16'h1d9b;
        mem[461] = 16'h1db7;
        mem[462] = 16'h1dd3;
        mem[463] = 16'h1def;
        mem[464] = 16'h1dc3;
        mem[465] = 16'h1ddf;
        mem[466] = 16'h1dfb;
        mem[467] = 16'h1e17;
        mem[468] = 16'h1e33;
        mem[469] = 16'h1e4f;
        mem[470] = 16'h1e6b;
        mem[471] = 16'h0100;
        mem[472] = 16'h1e3f;
        mem[473] = 16'h1e5b;
        mem[474] = 16'h1e77;
        mem[475] = 16'h1e93;
        mem[476] = 16'h1eaf;
        mem[477] = 16'h1ecb;
        mem[478] = 16'h1ee7;
        mem[479] = 16'h1f03;
        mem[480] = 16'h1ebb;
        mem[481] = 16'h1ed7;
        mem[482] = 16'h1ef3;
        mem[483] = 16'h1f0f;
        mem[484] = 16'h1f2b;
        mem[485] = 16'h1f47;
        mem[486] = 16'h1f63;
        mem[487] = 16'h1f7f;
        mem[488] = 16'h1f37;
        mem[489] = 16'h1f53;
        mem[490] = 16'h1f6f;
        mem[491] = 16'h1f8b;
        mem[492] = 16'h1fa7;
        mem[493] = 16'h1fc3;
        mem[494] = 16'h1fdf;
        mem[495] = 16'h1ffb;
        mem[496] = 16'h1fcf;
        mem[497] = 16'h1feb;
        mem[498] = 16'h2007;
        mem[499] = 16'h2023;
        mem[500] = 16'h203f;
        mem[501] = 16'h205b;
        mem[502] = 16'h2077;
        mem[503] = 16'h0100;
        mem[504] = 16'h204b;
        mem[505] = 16'h2067;
        mem[506] = 16'h2083;
        mem[507] = 16'h209f;
        mem[508] = 16'h20bb;
        mem[509] = 16'h20d7;
        mem[510] = 16'h20f3;
        mem[511] = 16'h210f;
        mem[512] = 16'h20c7;
        mem[513] = 16'h20e3;
        mem[514] = 16'h20ff;
        mem[515] = 16'h211b;
        mem[516] = 16'h2137;
        mem[517] = 16'h2153;
        mem[518] = 16'h216f;
        mem[519] = 16'h218b;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd520) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd520;
    end
    always @(*) read_data = rd_ok ? rd_raw : 16'h0;
endmodule // top$banks$1


module top$banks$2(clock,read_address,read_data,write_address,write_data,write_enable);
    
    // Module arguments
    input wire  clock;
    input wire  [15:0] read_address;
    output reg  [15:0] read_data;
    input wire  [15:0] write_address;
    input wire  [15:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    localparam DEPTH = 520;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[0] = 16'h000e;
        mem[1] = 16'h002a;
        mem[2] = 16'h0046;
        mem[3] = 16'h0062;
        mem[4] = 16'h007e;
        mem[5] = 16'h009a;
        mem[6] = 16'h00b6;
        mem[7] = 16'h00d2;
        mem[8] = 16'h008a;
        mem[9] = 16'h00a6;
        mem[10] = 16'h00c2;
        mem[11] = 16'h00de;
        mem[12] = 16'h00fa;
        mem[13] = 16'h0116;
        mem[14] = 16'h0132;
        mem[15] = 16'h014e;
        mem[16] = 16'h0106;
        mem[17] = 16'h0122;
        mem[18] = 16'h013e;
        mem[19] = 16'h015a;
        mem[20] = 16'h0176;
        mem[21] = 16'h0192;
        mem[22] = 16'h01ae;
        mem[23] = 16'h01ca;
        mem[24] = 16'h019e;
        mem[25] = 16'h01ba;
        mem[26] = 16'h01d6;
        mem[27] = 16'h01f2;
        mem[28] = 16'h020e;
        mem[29] = 16'h022a;
        mem[30] = 16'h0246;
        mem[31] = 16'h0100;
        mem[32] = 16'h021a;
        mem[33] = 16'h0236;
        mem[34] = 16'h0252;
        mem[35] = 16'h026e;
        mem[36] = 16'h028a;
        mem[37] = 16'h02a6;
        mem[38] = 16'h02c2;
        mem[39] = 16'h02de;
        mem[40] = 16'h0296;
        mem[41] = 16'h02b2;
        mem[42] = 16'h02ce;
        mem[43] = 16'h02ea;
        mem[44] = 16'h0306;
        mem[45] = 16'h0322;
        mem[46] = 16'h033e;
        mem[47] = 16'h035a;
        mem[48] = 16'h0312;
        mem[49] = 16'h032e;
        mem[50] = 16'h034a;
        mem[51] = 16'h0366;
        mem[52] = 16'h0382;
        mem[53] = 16'h039e;
        mem[54] = 16'h03ba;
        mem[55] = 16'h03d6;
        mem[56] = 16'h03aa;
        mem[57] = 16'h03c6;
        mem[58] = 16'h03e2;
        mem[59] = 16'h03fe;
        mem[60] = 16'h041a;
        mem[61] = 16'h0436;
        mem[62] = 16'h0452;
        mem[63] = 16'h0100;
        mem[64] = 16'h0426;
        mem[65] = 16'h0442;
        mem[66] = 16'h045e;
        mem[67] = 16'h047a;
        mem[68] = 16'h0496;
        mem[69] = 16'h04b2;
        mem[70] = 16'h04ce;
        mem[71] = 16'h04ea;
        mem[72] = 16'h04a2;
        mem[73] = 16'h04be;
        mem[74] = 16'h04da;
        mem[75] = 16'h04f6;
        mem[76] = 16'h0512;
        mem[77] = 16'h052e;
        mem[78] = 16'h054a;
        mem[79] = 16'h0566;
        mem[80] = 16'h051e;
        mem[81] = 16'h053a;
        mem[82] = 16'h0556;
        mem[83] = 16'h0572;
        mem[84] = 16'h058e;
        mem[85] = 16'h05aa;
        mem[86] = 16'h05c6;
        mem[87] = 16'h05e2;
        mem[88] = 16'h05b6;
        mem[89] = 16'h05d2;
        mem[90] = 16'h05ee;
        mem[91] = 16'h060a;
        mem[92] = 16'h0626;
        mem[93] = 16'h0642;
        mem[94] = 16'h065e;
        mem[95] = 16'h0100;
        mem[96] = 16'h0632;
        mem[97] = 16'h064e;
        mem[98] = 16'h066a;
        mem[99] = 16'h0686;
        mem[100] = 16'h06a2;
        mem[101] = 16'h06be;
        mem[102] = 16'h06da;
        mem[103] = 16'h06f6;
        mem[104] = 16'h06ae;
        mem[105] = 16'h06ca;
        mem[106] = 16'h06e6;
        mem[107] = 16'h0702;
        mem[108] = 16'h071e;
        mem[109] = 16'h073a;
        mem[110] = 16'h0756;
        mem[111] = 16'h0772;
        mem[112] = 16'h072a;
        mem[113] = 16'h0746;
        mem[114] = 16'h0762;
        mem[115] = 16'h077e;
        mem[116] = 16'h079a;
        mem[117] = 16'h07b6;
        mem[118] = 16'h07d2;
        mem[119] = 16'h07ee;
        mem[120] = 16'h07c2;
        mem[121] = 16'h07de;
        mem[122] = 16'h07fa;
        mem[123] = 16'h0816;
        mem[124] = 16'h0832;
        mem[125] = 16'h084e;
        mem[126] = 16'h086a;
        mem[127] = 16'h0100;
        mem[128] = 16'h083e;
        mem[129] = 16'h085a;
        mem[130] = 16'h0876;
        mem[131] = 16'h0892;
        mem[132] = 16'h08ae;
        mem[133] = 16'h08ca;
        mem[134] = 16'h08e6;
        mem[135] = 16'h0902;
        mem[136] = 16'h08ba;
        mem[137] = 16'h08d6;
        mem[138] = 16'h08f2;
        mem[139] = 16'h090e;
        mem[140] = 16'h092a;
        mem[141] = 16'h0946;
        mem[142] = 16'h0962;
        mem[143] = 16'h097e;
        mem[144] = 16'h0936;
        mem[145] = 16'h0952;
        mem[146] = 16'h096e;
        mem[147] = 16'h098a;
        mem[148] = 16'h09a6;
        mem[149] = 16'h09c2;
        mem[150] = 16'h09de;
        mem[151] = 16'h09fa;
        mem[152] = 16'h09ce;
        mem[153] = 16'h09ea;
        mem[154] = 16'h0a06;
        mem[155] = 16'h0a22;
        mem[156] = 16'h0a3e;
        mem[157] = 16'h0a5a;
        mem[158] = 16'h0a76;
        mem[159] = 16'h0100;
        mem[160] = 16'h0a4a;
        mem[161] = 16'h0a66;
        mem[162] = 16'h0a82;
        mem[163] = 16'h0a9e;
        mem[164] = 16'h0aba;
        mem[165] = 16'h0ad6;
        mem[166] = 16'h0af2;
        mem[167] = 16'h0b0e;
        mem[168] = 16'h0ac6;
        mem[169] = 16'h0ae2;
        mem[170] = 16'h0afe;
        mem[171] = 16'h0b1a;
        mem[172] = 16'h0b36;
        mem[173] = 16'h0b52;
        mem[174] = 16'h0b6e;
        mem[175] = 16'h0b8a;
        mem[176] = 16'h0b42;
        mem[177] = 16'h0b5e;
        mem[178] = 16'h0b7a;
        mem[179] = 16'h0b96;
        mem[180] = 16'h0bb2;
        mem[181] = 16'h0bce;
        mem[182] = 16'h0bea;
        mem[183] = 16'h0c06;
        mem[184] = 16'h0bda;
        mem[185] = 16'h0bf6;
        mem[186] = 16'h0c12;
        mem[187] = 16'h0c2e;
        mem[188] = 16'h0c4a;
        mem[189] = 16'h0c66;
        mem[190] = 16'h0c82;
        mem[191] = 16'h0100;
        mem[192] = 16'h0c56;
        mem[193] = 16'h0c72;
        mem[194] = 16'h0c8e;
        mem[195] = 16'h0caa;
        mem[196] = 16'h0cc6;
        mem[197] = 16'h0ce2;
        mem[198] = 16'h0cfe;
        mem[199] = 16'h0d1a;
        mem[200] = 16'h0cd2;
        mem[201] = 16'h0cee;
        mem[202] = 16'h0d0a;
        mem[203] = 16'h0d26;
        mem[204] = 16'h0d42;
        mem[205] = 16'h0d5e;
        mem[206] = 16'h0d7a;
        mem[207] = 16'h0d96;
        mem[208] = 16'h0d4e;
        mem[209] = 16'h0d6a;
        mem[210] = 16'h0d86;
        mem[211] = 16'h0da2;
        mem[212] = 16'h0dbe;
        mem[213] = 16'h0dda;
        mem[214] = 16'h0df6;
        mem[215] = 16'h0e12;
        mem[216] = 16'h0de6;
        mem[217] = 16'h0e02;
        mem[218] = 16'h0e1e;
        mem[219] = 16'h0e3a;
        mem[220] = 16'h0e56;
        mem[221] = 16'h0e72;
        mem[222] = 16'h0e8e;
        mem[223] = 16'h0100;
        mem[224] = 16'h0e62;
        mem[225] = 16'h0e7e;
        mem[226] = 16'h0e9a;
        mem[227] = 16'h0eb6;
        mem[228] = 16'h0ed2;
        mem[229] = 16'h0eee;
        mem[230] = 16'h0f0a;
        mem[231] = 16'h0f26;
        mem[232] = 16'h0ede;
        mem[233] = 16'h0efa;
        mem[234] = 16'h0f16;
        mem[235] = 16'h0f32;
        mem[236] = 16'h0f4e;
        mem[237] = 16'h0f6a;
        mem[238] = 16'h0f86;
        mem[239] = 16'h0fa2;
        mem[240] = 16'h0f5a;
        mem[241] = 16'h0f76;
        mem[242] = 16'h0f92;
        mem[243] = 16'h0fae;
        mem[244] = 16'h0fca;
        mem[245] = 16'h0fe6;
        mem[246] = 16'h1002;
        mem[247] = 16'h101e;
        mem[248] = 16'h0ff2;
        mem[249] = 16'h100e;
        mem[250] = 16'h102a;
        mem[251] = 16'h1046;
        mem[252] = 16'h1062;
        mem[253] = 16'h107e;
        mem[254] = 16'h109a;
        mem[255] = 16'h0100;
        mem[256] = 16'h106e;
        mem[257] = 16'h108a;
        mem[258] = 16'h10a6;
        mem[259] = 16'h10c2;
        mem[260] = 16'h10de;
        mem[261] = 16'h10fa;
        mem[262] = 16'h1116;
        mem[263] = 16'h1132;
        mem[264] = 16'h10ea;
        mem[265] = 16'h1106;
        mem[266] = 16'h1122;
        mem[267] = 16'h113e;
        mem[268] = 16'h115a;
        mem[269] = 16'h1176;
        mem[270] = 16'h1192;
        mem[271] = 16'h11ae;
        mem[272] = 16'h1166;
        mem[273] = 16'h1182;
        mem[274] = 16'h119e;
        mem[275] = 16'h11ba;
        mem[276] = 16'h11d6;
        mem[277] = 16'h11f2;
        mem[278] = 16'h120e;
        mem[279] = 16'h122a;
        mem[280] = 16'h11fe;
        mem[281] = 16'h121a;
        mem[282] = 16'h1236;
        mem[283] = 16'h1252;
        mem[284] = 16'h126e;
        mem[285] = 16'h128a;
        mem[286] = 16'h12a6;
        mem[287] = 16'h0100;
        mem[288] = 16'h127a;
        mem[289] = 16'h1296;
        mem[290] = 16'h12b2;
        mem[291] = 16'h12ce;
        mem[292] = 16'h12ea;
        mem[293] = 16'h1306;
        mem[294] = 16'h1322;
        mem[295] = 16'h133e;
        mem[296] = 16'h12f6;
        mem[297] = 16'h1312;
        mem[298] = 16'h132e;
        mem[299] = 16'h134a;
        mem[300] = 16'h1366;
        mem[301] = 16'h1382;
        mem[302] = 16'h139e;
        mem[303] = 16'h13ba;
        mem[304] = 16'h1372;
        mem[305] = 16'h138e;
        mem[306] = 16'h13aa;
        mem[307] = 16'h13c6;
        mem[308] = 16'h13e2;
        mem[309] = 16'h13fe;
        mem[310] = 16'h141a;
        mem[311] = 16'h1436;
        mem[312] = 16'h140a;
        mem[313] = 16'h1426;
        mem[314] = 16'h1442;
        mem[315] = 16'h145e;
        mem[316] = 16'h147a;
        mem[317] = 16'h1496;
        mem[318] = 16'h14b2;
        mem[319] = 16'h0100;
        mem[320] = 16'h1486;
        mem[321] = 16'h14a2;
        mem[322] = 16'h14be;
        mem[323] = 16'h14da;
        mem[324] = 16'h14f6;
        mem[325] = 16'h1512;
        mem[326] = 16'h152e;
        mem[327] = 16'h154a;
        mem[328] = 16'h1502;
        mem[329] = 16'h151e;
        mem[330] = 16'h153a;
        mem[331] = 16'h1556;
        mem[332] = 16'h1572;
        mem[333] = 16'h158e;
        mem[334] = 16'h15aa;
        mem[335] = 16'h15c6;
        mem[336] = 16'h157e;
        mem[337] = 16'h159a;
        mem[338] = 16'h15b6;
        mem[339] = 16'h15d2;
        mem[340] = 16'h15ee;
        mem[341] = 16'h160a;
        mem[342] = 16'h1626;
        mem[343] = 16'h1642;
        mem[344] = 16'h1616;
        mem[345] = 16'h1632;
        mem[346] = 16'h164e;
        mem[347] = 16'h166a;
        mem[348] = 16'h1686;
        mem[349] = 16'h16a2;
        mem[350] = 16'h16be;
        mem[351] = 16'h0100;
        mem[352] = 16'h1692;
        mem[353] = 16'h16ae;
        mem[354] = 16'h16ca;
        mem[355] = 16'h16e6;
        mem[356] = 16'h1702;
        mem[357] = 16'h171e;
        mem[358] = 16'h173a;
        mem[359] = 16'h1756;
        mem[360] = 16'h170e;
        mem[361] = 16'h172a;
        mem[362] = 16'h1746;
        mem[363] = 16'h1762;
        mem[364] = 16'h177e;
        mem[365] = 16'h179a;
        mem[366] = 16'h17b6;
        mem[367] = 16'h17d2;
        mem[368] = 16'h178a;
        mem[369] = 16'h17a6;
        mem[370] = 16'h17c2;
        mem[371] = 16'h17de;
        mem[372] = 16'h17fa;
        mem[373] = 16'h1816;
        mem[374] = 16'h1832;
        mem[375] = 16'h184e;
        mem[376] = 16'h1822;
        mem[377] = 16'h183e;
        mem[378] = 16'h185a;
        mem[379] = 16'h1876;
        mem[380] = 16'h1892;
        mem[381] = 16'h18ae;
        mem[382] = 16'h18ca;
        mem[383] = 16'h0100;
        mem[384] = 16'h189e;
        mem[385] = 16'h18ba;
        mem[386] = 16'h18d6;
        mem[387] = 16'h18f2;
        mem[388] = 16'h190e;
        mem[389] = 16'h192a;
        mem[390] = 16'h1946;
        mem[391] = 16'h1962;
        mem[392] = 16'h191a;
        mem[393] = 16'h1936;
        mem[394] = 16'h1952;
        mem[395] = 16'h196e;
        mem[396] = 16'h198a;
        mem[397] = 16'h19a6;
        mem[398] = 16'h19c2;
        mem[399] = 16'h19de;
        mem[400] = 16'h1996;
        mem[401] = 16'h19b2;
        mem[402] = 16'h19ce;
        mem[403] = 16'h19ea;
        mem[404] = 16'h1a06;
        mem[405] = 16'h1a22;
        mem[406] = 16'h1a3e;
        mem[407] = 16'h1a5a;
        mem[408] = 16'h1a2e;
        mem[409] = 16'h1a4a;
        mem[410] = 16'h1a66;
        mem[411] = 16'h1a82;
        mem[412] = 16'h1a9e;
        mem[413] = 16'h1aba;
        mem[414] = 16'h1ad6;
        mem[415] = 16'h0100;
        mem[416] = 16'h1aaa;
        mem[417] = 16'h1ac6;
        mem[418] = 16'h1ae2;
        mem[419] = 16'h1afe;
        mem[420] = 16'h1b1a;
        mem[421] = 16'h1b36;
        mem[422] = 16'h1b52;
        mem[423] = 16'h1b6e;
        mem[424] = 16'h1b26;
        mem[425] = 16'h1b42;
        mem[426] = 16'h1b5e;
        mem[427] = 16'h1b7a;
        mem[428] = 16'h1b96;
        mem[429] = 16'h1bb2;
        mem[430] = 16'h1bce;
        mem[431] = 16'h1bea;
        mem[432] = 16'h1ba2;
        mem[433] = 16'h1bbe;
        mem[434] = 16'h1bda;
        mem[435] = 16'h1bf6;
        mem[436] = 16'h1c12;
        mem[437] = 16'h1c2e;
        mem[438] = 16'h1c4a;
        mem[439] = 16'h1c66;
        mem[440] = 16'h1c3a;
        mem[441] = 16'h1c56;
        mem[442] = 16'h1c72;
        mem[443] = 16'h1c8e;
        mem[444] = 16'h1caa;
        mem[445] = 16'h1cc6;
        mem[446] = 16'h1ce2;
        mem[447] = 16'h0100;
        mem[448] = 16'h1cb6;
        mem[449] = 16'h1cd2;
        mem[450] = 16'h1cee;
        mem[451] = 16'h1d0a;
        mem[452] = 16'h1d26;
        mem[453] = 16'h1d42;
        mem[454] = 16'h1d5e;
        mem[455] = 16'h1d7a;
        mem[456] = 16'h1d32;
        mem[457] = 16'h1d4e;
        mem[458] = 16'h1d6a;
        mem[459] = 16'h1d86;
        mem[460] = 16'h1da2;
        mem[461] = 16'h1dbe;
        mem[462] = 16'h1dda;
        mem[463] = 16'h1df6;
        mem[464] = 16'h1dae;
        mem[465] = 16'h1dca;
        mem[466] = 16'h1de6;
        mem[467] = 16'h1e02;
        mem[468] = 16'h1e1e;
        mem[469] = 16'h1e3a;
        mem[470] = 16'h1e56;
        mem[471] = 16'h1e72;
        mem[472] = 16'h1e46;
        mem[473] = 16'h1e62;
        mem[474] = 16'h1e7e;
        mem[475] = 16'h1e9a;
        mem[476] = 16'h1eb6;
        mem[477] = 16'h1ed2;
        mem[478] = 16'h1eee;
        mem[479] = 16'h0100;
        mem[480] = 16'h1ec2;
        mem[481] = 16'h1ede;
        mem[482] = 16'h1efa;
        mem[483] = 16'h1f16;
        mem[484] = 16'h1f32;
        mem[485] = 16'h1f4e;
        mem[486] = 16'h1f6a;
        mem[487] = 16'h1f86;
        mem[488] = 16'h1f3e;
        mem[489] = 16'h1f5a;
        mem[490] = 16'h1f76;
        mem[491] = 16'h1f92;
        mem[492] = 16'h1fae;
        mem[493] = 16'h1fca;
        mem[494] = 16'h1fe6;
        mem[495] = 16'h2002;
        mem[496] = 16'h1fba;
        mem[497] = 16'h1fd6;
        mem[498] = 16'h1ff2;
        mem[499] = 16'h200e;
        mem[500] = 16'h202a;
        mem[501] = 16'h2046;
        mem[502] = 16'h2062;
        mem[503] = 16'h207e;
        mem[504] = 16'h2052;
        mem[505] = 16'h206e;
        mem[506] = 16'h208a;
        mem[507] = 16'h20a6;
        mem[508] = 16'h20c2;
        mem[509] = 16'h20de;
        mem[510] = 16'h20fa;
        mem[511] = 16'h0100;
        mem[512] = 16'h20ce;
        mem[513] = 16'h20ea;
        mem[514] = 16'h2106;
        mem[515] = 16'h2122;
        mem[516] = 16'h213e;
        mem[517] = 16'h215a;
        mem[518] = 16'h2176;
        mem[519] = 16'h2192;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd520) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd520;
    end
    always @(*) read_data = rd_ok ? rd_raw : 16'h0;
endmodule // top$banks$2


module top$banks$3(clock,read_address,read_data,write_address,write_data,write_enable);
    
    // Module arguments
    input wire  clock;
    input wire  [15:0] read_address;
    output reg  [15:0] read_data;
    input wire  [15:0] write_address;
    input wire  [15:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    localparam DEPTH = 520;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[0] = 16'h0015;
        mem[1] = 16'h0031;
        mem[2] = 16'h004d;
        mem[3] = 16'h0069;
        mem[4] = 16'h0085;
        mem[5] = 16'h00a1;
        mem[6] = 16'h00bd;
        mem[7] = 16'h0100;
        mem[8] = 16'h0091;
        mem[9] = 16'h00ad;
        mem[10] = 16'h00c9;
        mem[11] = 16'h00e5;
        mem[12] = 16'h0101;
        mem[13] = 16'h011d;
        mem[14] = 16'h0139;
        mem[15] = 16'h0155;
        mem[16] = 16'h010d;
        mem[17] = 16'h0129;
        mem[18] = 16'h0145;
        mem[19] = 16'h0161;
        mem[20] = 16'h017d;
        mem[21] = 16'h0199;
        mem[22] = 16'h01b5;
        mem[23] = 16'h01d1;
        mem[24] = 16'h0189;
        mem[25] = 16'h01a5;
        mem[26] = 16'h01c1;
        mem[27] = 16'h01dd;
        mem[28] = 16'h01f9;
        mem[29] = 16'h0215;
        mem[30] = 16'h0231;
        mem[31] = 16'h024d;
        mem[32] = 16'h0221;
        mem[33] = 16'h023d;
        mem[34] = 16'h0259;
        mem[35] = 16'h0275;
        mem[36] = 16'h0291;
        mem[37] = 16'h02ad;
        mem[38] = 16'h02c9;
        mem[39] = 16'h0100;
        mem[40] = 16'h029d;
        mem[41] = 16'h02b9;
        mem[42] = 16'h02d5;
        mem[43] = 16'h02f1;
        mem[44] = 16'h030d;
        mem[45] = 16'h0329;
        mem[46] = 16'h0345;
        mem[47] = 16'h0361;
        mem[48] = 16'h0319;
        mem[49] = 16'h0335;
        mem[50] = 16'h0351;
        mem[51] = 16'h036d;
        mem[52] = 16'h0389;
        mem[53] = 16'h03a5;
        mem[54] = 16'h03c1;
        mem[55] = 16'h03dd;
        mem[56] = 16'h0395;
        mem[57] = 16'h03b1;
        mem[58] = 16'h03cd;
        mem[59] = 16'h03e9;
        mem[60] = 16'h0405;
        mem[61] = 16'h0421;
        mem[62] = 16'h043d;
        mem[63] = 16'h0459;
        mem[64] = 16'h042d;
        mem[65] = 16'h0449;
        mem[66] = 16'h0465;
        mem[67] = 16'h0481;
        mem[68] = 16'h049d;
        mem[69] = 16'h04b9;
        mem[70] = 16'h04d5;
        mem[71] = 16'h0100;
        mem[72] = 16'h04a9;
        mem[73] = 16'h04c5;
        mem[74] = 16'h04e1;
        mem[75] = 16'h04fd;
        mem[76] = 16'h0519;
        mem[77] = 16'h0535;
        mem[78] = 16'h0551;
        mem[79] = 16'h056d;
        mem[80] = 16'h0525;
        mem[81] = 16'h0541;
        mem[82] = 16'h055d;
        mem[83] = 16'h0579;
        mem[84] = 16'h0595;
        mem[85] = 16'h05b1;
        mem[86] = 16'h05cd;
        mem[87] = 16'h05e9;
        mem[88] = 16'h05a1;
        mem[89] = 16'h05bd;
        mem[90] = 16'h05d9;
        mem[91] = 16'h05f5;
        mem[92] = 16'h0611;
        mem[93] = 16'h062d;
        mem[94] = 16'h0649;
        mem[95] = 16'h0665;
        mem[96] = 16'h0639;
        mem[97] = 16'h0655;
        mem[98] = 16'h0671;
        mem[99] = 16'h068d;
        mem[100] = 16'h06a9;
        mem[101] = 16'h06c5;
        mem[102] = 16'h06e1;
        mem[103] = 16'h0100;
        mem[104] = 16'h06b5;
        mem[105] = 16'h06d1;
        mem[106] = 16'h06ed;
        mem[107] = 16'h0709;
        mem[108] = 16'h0725;
        mem[109] = 16'h0741;
        mem[110] = 16'h075d;
        mem[111] = 16'h0779;
        mem[112] = 16'h0731;
        mem[113] = 16'h074d;
        mem[114] = 16'h0769;
        mem[115] = 16'h0785;
        mem[116] = 16'h07a1;
        mem[117] = 16'h07bd;
        mem[118] = 16'h07d9;
        mem[119] = 16'h07f5;
        mem[120] = 16'h07ad;
        mem[121] = 16'h07c9;
        mem[122] = 16'h07e5;
        mem[123] = 16'h0801;
        mem[124] = 16'h081d;
        mem[125] = 16'h0839;
        mem[126] = 16'h0855;
        mem[127] = 16'h0871;
        mem[128] = 16'h0845;
        mem[129] = 16'h0861;
        mem[130] = 16'h087d;
        mem[131] = 16'h0899;
        mem[132] = 16'h08b5;
        mem[133] = 16'h08d1;
        mem[134] = 16'h08ed;
        mem[135] = 16'h0100;
        mem[136] = 16'h08c1;
        mem[137] = 16'h08dd;
        mem[138] = 16'h08f9;
        mem[139] = 16'h0915;
        mem[140] = 16'h0931;
        mem[141] = 16'h094d;
        mem[142] = 16'h0969;
        mem[143] = 16'h0985;
        mem[144] = 16'h093d;
        mem[145] = 16'h0959;
        mem[146] = 16'h0975;
        mem[147] = 16'h0991;
        mem[148] = 16'h09ad;
        mem[149] = 16'h09c9;
        mem[150] = 16'h09e5;
        mem[151] = 16'h0a01;
        mem[152] = 16'h09b9;
        mem[153] = 16'h09d5;
        mem[154] = 16'h09f1;
        mem[155] = 16'h0a0d;
        mem[156] = 16'h0a29;
        mem[157] = 16'h0a45;
        mem[158] = 16'h0a61;
        mem[159] = 16'h0a7d;
        mem[160] = 16'h0a51;
        mem[161] = 16'h0a6d;
        mem[162] = 16'h0a89;
        mem[163] = 16'h0aa5;
        mem[164] = 16'h0ac1;
        mem[165] = 16'h0add;
        mem[166] = 16'h0af9;
        mem[167] = 16'h0100;
        mem[168] = 16'h0acd;
        mem[169] = 16'h0ae9;
        mem[170] = 16'h0b05;
        mem[171] = 16'h0b21;
        mem[172] = 16'h0b3d;
        mem[173] = 16'h0b59;
        mem[174] = 16'h0b75;
        mem[175] = 16'h0b91;
        mem[176] = 16'h0b49;
        mem[177] = 16'h0b65;
        mem[178] = 16'h0b81;
        mem[179] = 16'h0b9d;
        mem[180] = 16'h0bb9;
        mem[181] = 16'h0bd5;
        mem[182] = 16'h0bf1;
        mem[183] = 16'h0c0d;
        mem[184] = 16'h0bc5;
        mem[185] = 16'h0be1;
        mem[186] = 16'h0bfd;
        mem[187] = 16'h0c19;
        mem[188] = 16'h0c35;
        mem[189] = 16'h0c51;
        mem[190] = 16'h0c6d;
        mem[191] = 16'h0c89;
        mem[192] = 16'h0c5d;
        mem[193] = 16'h0c79;
        mem[194] = 16'h0c95;
        mem[195] = 16'h0cb1;
        mem[196] = 16'h0ccd;
        mem[197] = 16'h0ce9;
        mem[198] = 16'h0d05;
        mem[199] = 16'h0100;
        mem[200] = 16'h0cd9;
        mem[201] = 16'h0cf5;
        mem[202] = 16'h0d11;
        mem[203] = 16'h0d2d;
        mem[204] = 16'h0d49;
        mem[205] = 16'h0d65;
        mem[206] = 16'h0d81;
        mem[207] = 16'h0d9d;
        mem[208] = 16'h0d55;
        mem[209] = 16'h0d71;
        mem[210] = 16'h0d8d;
        mem[211] = 16'h0da9;
        mem[212] = 16'h0dc5;
        mem[213] = 16'h0de1;
        mem[214] = 16'h0dfd;
        mem[215] = 16'h0e19;
        mem[216] = 16'h0dd1;
        mem[217] = 16'h0ded;
        mem[218] = 16'h0e09;
        mem[219] = 16'h0e25;
        mem[220] = 16'h0e41;
        mem[221] = 16'h0e5d;
        mem[222] = 16'h0e79;
        mem[223] = 16'h0e95;
        mem[224] = 16'h0e69;
        mem[225] = 16'h0e85;
        mem[226] = 16'h0ea1;
        mem[227] = 16'h0ebd;
        mem[228] = 16'h0ed9;
        mem[229] = 16'h0ef5;
        mem[230] = 16'h0f11;
        mem[231] = 16'h0100;
        mem[232] = 16'h0ee5;
        mem[233] = 16'h0f01;
        mem[234] = 16'h0f1d;
        mem[235] = 16'h0f39;
        mem[236] = 16'h0f55;
        mem[237] = 16'h0f71;
        mem[238] = 16'h0f8d;
        mem[239] = 16'h0fa9;
        mem[240] = 16'h0f61;
        mem[241] = 16'h0f7d;
        mem[242] = 16'h0f99;
        mem[243] = 16'h0fb5;
        mem[244] = 16'h0fd1;
        mem[245] = 16'h0fed;
        mem[246] = 16'h1009;
        mem[247] = 16'h1025;
        mem[248] = 16'h0fdd;
        mem[249] = 16'h0ff9;
        mem[250] = 16'h1015;
        mem[251] = 16'h1031;
        mem[252] = 16'h104d;
        mem[253] = 16'h1069;
        mem[254] = 16'h1085;
        mem[255] = 16'h10a1;
        mem[256] = 16'h1075;
        mem[257] = 16'h1091;
        mem[258] = 16'h10ad;
        mem[259] = 16'h10c9;
        mem[260] = 16'h10e5;
        mem[261] = 16'h1101;
        mem[262] = 16'h111d;
        mem[263] = 16'h0100;
        mem[264] = 16'h10f1;
        mem[265] = 16'h110d;
        mem[266] = 16'h1129;
        mem[267] = 16'h1145;
        mem[268] = 16'h1161;
        mem[269] = 16'h117d;
        mem[270] = 16'h1199;
        mem[271] = 16'h11b5;
        mem[272] = 16'h116d;
        mem[273] = 16'h1189;
        mem[274] = 16'h11a5;
        mem[275] = 16'h11c1;
        mem[276] = 16'h11dd;
        mem[277] = 16'h11f9;
        mem[278] = 16'h1215;
        mem[279] = 16'h1231;
        mem[280] = 16'h11e9;
        mem[281] = 16'h1205;
        mem[282] = 16'h1221;
        mem[283] = 16'h123d;
        mem[284] = 16'h1259;
        mem[285] = 16'h1275;
        mem[286] = 16'h1291;
        mem[287] = 16'h12ad;
        mem[288] = 16'h1281;
        mem[289] = 16'h129d;
        mem[290] = 16'h12b9;
        mem[291] = 16'h12d5;
        mem[292] = 16'h12f1;
        mem[293] = 16'h130d;
        mem[294] = 16'h1329;
        mem[295] = 16'h0100;
        mem[296] = 16'h12fd;
        mem[297] = 16'h1319;
        mem[298] = 16'h1335;
        mem[299] = 16'h1351;
        mem[300] = 16'h136d;
        mem[301] = 16'h1389;
        mem[302] = 16'h13a5;
        mem[303] = 16'h13c1;
        mem[304] = 16'h1379;
        mem[305] = 16'h1395;
        mem[306] = 16'h13b1;
        mem[307] = 16'h13cd;
        mem[308] = 16'h13e9;
        mem[309] = 16'h1405;
        mem[310] = 16'h1421;
        mem[311] = 16'h143d;
        mem[312] = 16'h13f5;
        mem[313] = 16'h1411;
        mem[314] = 16'h142d;
        mem[315] = 16'h1449;
        mem[316] = 16'h1465;
        mem[317] = 16'h1481;
        mem[318] = 16'h149d;
        mem[319] = 16'h14b9;
        mem[320] = 16'h148d;
        mem[321] = 16'h14a9;
        mem[322] = 16'h14c5;
        mem[323] = 16'h14e1;
        mem[324] = 16'h14fd;
        mem[325] = 16'h1519;
        mem[326] = 16'h1535;
        mem[327] = 16'h0100;
        mem[328] = 16'h1509;
        mem[329] = 16'h1525;
        mem[330] = 16'h1541;
        mem[331] = 16'h155d;
        mem[332] = 16'h1579;
        mem[333] = 16'h1595;
        mem[334] = 16'h15b1;
        mem[335] = 16'h15cd;
        mem[336] = 16'h1585;
        mem[337] = 16'h15a1;
        mem[338] = 16'h15bd;
        mem[339] = 16'h15d9;
        mem[340] = 16'h15f5;
        mem[341] = 16'h1611;
        mem[342] = 16'h162d;
        mem[343] = 16'h1649;
        mem[344] = 16'h1601;
        mem[345] = 16'h161d;
        mem[346] = 16'h1639;
        mem[347] = 16'h1655;
        mem[348] = 16'h1671;
        mem[349] = 16'h168d;
        mem[350] = 16'h16a9;
        mem[351] = 16'h16c5;
        mem[352] = 16'h1699;
        mem[353] = 16'h16b5;
        mem[354] = 16'h16d1;
        mem[355] = 16'h16ed;
        mem[356] = 16'h1709;
        mem[357] = 16'h1725;
        mem[358] = 16'h1741;
        mem[359] = 16'h0100;
        mem[360] = 16'h1715;
        mem[361] = 16'h1731;
        mem[362] = 16'h174d;
        mem[363] = 16'h1769;
        mem[364] = 16'h1785;
        mem[365] = 16'h17a1;
        mem[366] = 16'h17bd;
        mem[367] = 16'h17d9;
        mem[368] = 16'h1791;
        mem[369] = 16'h17ad;
        mem[370] = 16'h17c9;
        mem[371] = 16'h17e5;
        mem[372] = 16'h1801;
        mem[373] = 16'h181d;
        mem[374] = 16'h1839;
        mem[375] = 16'h1855;
        mem[376] = 16'h180d;
        mem[377] = 16'h1829;
        mem[378] = 16'h1845;
        mem[379] = 16'h1861;
        mem[380] = 16'h187d;
        mem[381] = 16'h1899;
        mem[382] = 16'h18b5;
        mem[383] = 16'h18d1;
        mem[384] = 16'h18a5;
        mem[385] = 16'h18c1;
        mem[386] = 16'h18dd;
        mem[387] = 16'h18f9;
        mem[388] = 16'h1915;
        mem[389] = 16'h1931;
        mem[390] = 16'h194d;
        mem[391] = 16'h0100;
        mem[392] = 16'h1921;
        mem[393] = 16'h193d;
        mem[394] = 16'h1959;
        mem[395] = 16'h1975;
        mem[396] = 16'h1991;
        mem[397] = 16'h19ad;
        mem[398] = 16'h19c9;
        mem[399] = 16'h19e5;
        mem[400] = 16'h199d;
        mem[401] = 16'h19b9;
        mem[402] = 16'h19d5;
        mem[403] = 16'h19f1;
        mem[404] = 16'h1a0d;
        mem[405] = 16'h1a29;
        mem[406] = 16'h1a45;
        mem[407] = 16'h1a61;
        mem[408] = 16'h1a19;
        mem[409] = 16'h1a35;
        mem[410] = 16'h1a51;
        mem[411] = 16'h1a6d;
        mem[412] = 16'h1a89;
        mem[413] = 16'h1aa5;
        mem[414] = 16'h1ac1;
        mem[415] = 16'h1add;
        mem[416] = 16'h1ab1;
        mem[417] = 16'h1acd;
        mem[418] = 16'h1ae9;
        mem[419] = 16'h1b05;
        mem[420] = 16'h1b21;
        mem[421] = 16'h1b3d;
        mem[422] = 16'h1b59;
        mem[423] = 16'h0100;
        mem[424] = 16'h1b2d;
        mem[425] = 16'h1b49;
        mem[426] = 16'h1b65;
        mem[427] = 16'h1b81;
        mem[428] = 16'h1b9d;
        mem[429] = 16'h1bb9;
        mem[430] = 16'h1bd5;
        mem[431] = 16'h1bf1;
        mem[432] = 16'h1ba9;
        mem[433] = 16'h1bc5;
        mem[434] = 16'h1be1;
        mem[435] = 16'h1bfd;
        mem[436] = 16'h1c19;
        mem[437] = 16'h1c35;
        mem[438] = 16'h1c51;
        mem[439] = 16'h1c6d;
        mem[440] = 16'h1c25;
        mem[441] = 16'h1c41;
        mem[442] = 16'h1c5d;
        mem[443] = 16'h1c79;
        mem[444] = 16'h1c95;
        mem[445] = 16'h1cb1;
        mem[446] = 16'h1ccd;
        mem[447] = 16'h1ce9;
        mem[448] = 16'h1cbd;
        mem[449] = 16'h1cd9;
        mem[450] = 16'h1cf5;
        mem[451] = 16'h1d11;
        mem[452] = 16'h1d2d;
        mem[453] = 16'h1d49;
        mem[454] = 16'h1d65;
        mem[455] = 16'h0100;
        mem[456] = 16'h1d39;
        mem[457] = 16'h1d55;
        mem[458] = 16'h1d71;
        mem[459] = 16'h1d8d;
        mem[460] = 16'h1da9;
        mem[461] = 16'h1dc5;
        mem[462] = 16'h1de1;
        mem[463] = 16'h1dfd;
        mem[464] = 16'h1db5;
        mem[465] = 16'h1dd1;
        mem[466] = 16'h1ded;
        mem[467] = 16'h1e09;
        mem[468] = 16'h1e25;
        mem[469] = 16'h1e41;
        mem[470] = 16'h1e5d;
        mem[471] = 16'h1e79;
        mem[472] = 16'h1e31;
        mem[473] = 16'h1e4d;
        mem[474] = 16'h1e69;
        mem[475] = 16'h1e85;
        mem[476] = 16'h1ea1;
        mem[477] = 16'h1ebd;
        mem[478] = 16'h1ed9;
        mem[479] = 16'h1ef5;
        mem[480] = 16'h1ec9;
        mem[481] = 16'h1ee5;
        mem[482] = 16'h1f01;
        mem[483] = 16'h1f1d;
        mem[484] = 16'h1f39;
        mem[485] = 16'h1f55;
        mem[486] = 16'h1f71;
        mem[487] = 16'h0100;
        mem[488] = 16'h1f45;
        mem[489] = 16'h1f61;
        mem[490] = 16'h1f7d;
        mem[491] = 16'h1f99;
        mem[492] = 16'h1fb5;
        mem[493] = 16'h1fd1;
        mem[494] = 16'h1fed;
        mem[495] = 16'h2009;
        mem[496] = 16'h1fc1;
        mem[497] = 16'h1fdd;
        mem[498] = 16'h1ff9;
        mem[499] = 16'h2015;
        mem[500] = 16'h2031;
        mem[501] = 16'h204d;
        mem[502] = 16'h2069;
        mem[503] = 16'h2085;
        mem[504] = 16'h203d;
        mem[505] = 16'h2059;
        mem[506] = 16'h2075;
        mem[507] = 16'h2091;
        mem[508] = 16'h20ad;
        mem[509] = 16'h20c9;
        mem[510] = 16'h20e5;
        mem[511] = 16'h2101;
        mem[512] = 16'h20d5;
        mem[513] = 16'h20f1;
        mem[514] = 16'h210d;
        mem[515] = 16'h2129;
        mem[516] = 16'h2145;
        mem[517] = 16'h2161;
        mem[518] = 16'h217d;
        mem[519] = 16'h0100;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd520) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd520;
    end
    always @(*) read_data = rd_ok ? rd_raw : 16'h0;
endmodule // top$banks$3


module top$rd_en_q(d,q,clock);
    
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
          
endmodule // top$rd_en_q


module top$rd_lanes_q(d,q,clock);
    
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
          
endmodule // top$rd_lanes_q


module top$rd_s_q(d,q,clock);
    
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
          
endmodule // top$rd_s_q


module top$word_bank_q(d,q,clock);
    
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
          
endmodule // top$word_bank_q


module top$word_rd_q(d,q,clock);
    
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
          
endmodule // top$word_rd_q
