// Unit `skew_mem` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
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
    localparam  shift_c = 16'h5;
    localparam  col_major_c = 1'b1;
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
    localparam DEPTH = 544;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[1] = 16'h0098;
        mem[2] = 16'h0114;
        mem[3] = 16'h0190;
        mem[4] = 16'h020c;
        mem[5] = 16'h02a4;
        mem[6] = 16'h0320;
        mem[7] = 16'h039c;
        mem[8] = 16'h0418;
        mem[9] = 16'h04b0;
        mem[10] = 16'h052c;
        mem[11] = 16'h05a8;
        mem[12] = 16'h0624;
        mem[13] = 16'h06bc;
        mem[14] = 16'h0738;
        mem[15] = 16'h07b4;
        mem[16] = 16'h0830;
        mem[17] = 16'h08c8;
        mem[18] = 16'h0944;
        mem[19] = 16'h09c0;
        mem[20] = 16'h0a3c;
        mem[21] = 16'h0ad4;
        mem[22] = 16'h0b50;
        mem[23] = 16'h0bcc;
        mem[24] = 16'h0c48;
        mem[25] = 16'h0ce0;
        mem[26] = 16'h0d5c;
        mem[27] = 16'h0dd8;
        mem[28] = 16'h0e54;
        mem[29] = 16'h0eec;
        mem[30] = 16'h0f68;
        mem[31] = 16'h0fe4;
        mem[32] = 16'h001c;
        mem[33] = 16'h00b4;
        mem[34] = 16'h0130;
        mem[35] = 16'h01ac;
        mem[36] = 16'h0228;
        mem[37] = 16'h02c0;
        mem[38] = 16'h033c;
        mem[39] = 16'h03b8;
        mem[40] = 16'h0434;
        mem[41] = 16'h04cc;
        mem[42] = 16'h0548;
        mem[43] = 16'h05c4;
        mem[44] = 16'h0640;
        mem[45] = 16'h06d8;
        mem[46] = 16'h0754;
        mem[47] = 16'h07d0;
        mem[48] = 16'h084c;
        mem[49] = 16'h08e4;
        mem[50] = 16'h0960;
        mem[51] = 16'h09dc;
        mem[52] = 16'h0a58;
        mem[53] = 16'h0af0;
        mem[54] = 16'h0b6c;
        mem[55] = 16'h0be8;
        mem[56] = 16'h0c64;
        mem[57] = 16'h0cfc;
        mem[58] = 16'h0d78;
        mem[59] = 16'h0df4;
        mem[60] = 16'h0e70;
        mem[61] = 16'h0f08;
        mem[62] = 16'h0f84;
        mem[63] = 16'h1000;
        mem[64] = 16'h0038;
        mem[65] = 16'h00d0;
        mem[66] = 16'h014c;
        mem[67] = 16'h01c8;
        mem[68] = 16'h0244;
        mem[69] = 16'h02dc;
        mem[70] = 16'h0358;
        mem[71] = 16'h03d4;
        mem[72] = 16'h0450;
        mem[73] = 16'h04e8;
        mem[74] = 16'h0564;
        mem[75] = 16'h05e0;
        mem[76] = 16'h065c;
        mem[77] = 16'h06f4;
        mem[78] = 16'h0770;
        mem[79] = 16'h07ec;
        mem[80] = 16'h0868;
        mem[81] = 16'h0900;
        mem[82] = 16'h097c;
        mem[83] = 16'h09f8;
        mem[84] = 16'h0a74;
        mem[85] = 16'h0b0c;
        mem[86] = 16'h0b88;
        mem[87] = 16'h0c04;
        mem[88] = 16'h0c80;
        mem[89] = 16'h0d18;
        mem[90] = 16'h0d94;
        mem[91] = 16'h0e10;
        mem[92] = 16'h0e8c;
        mem[93] = 16'h0f24;
        mem[94] = 16'h0fa0;
        mem[95] = 16'h101c;
        mem[96] = 16'h0054;
        mem[97] = 16'h00ec;
        mem[98] = 16'h0168;
        mem[99] = 16'h01e4;
        mem[100] = 16'h0260;
        mem[101] = 16'h02f8;
        mem[102] = 16'h0374;
        mem[103] = 16'h03f0;
        mem[104] = 16'h046c;
        mem[105] = 16'h0504;
        mem[106] = 16'h0580;
        mem[107] = 16'h05fc;
        mem[108] = 16'h0678;
        mem[109] = 16'h0710;
        mem[110] = 16'h078c;
        mem[111] = 16'h0808;
        mem[112] = 16'h0884;
        mem[113] = 16'h091c;
        mem[114] = 16'h0998;
        mem[115] = 16'h0a14;
        mem[116] = 16'h0a90;
        mem[117] = 16'h0b28;
        mem[118] = 16'h0ba4;
        mem[119] = 16'h0c20;
        mem[120] = 16'h0c9c;
        mem[121] = 16'h0d34;
        mem[122] = 16'h0db0;
        mem[123] = 16'h0e2c;
        mem[124] = 16'h0ea8;
        mem[125] = 16'h0f40;
        mem[126] = 16'h0fbc;
        mem[127] = 16'h1038;
        mem[128] = 16'h0070;
        mem[129] = 16'h0108;
        mem[130] = 16'h0184;
        mem[131] = 16'h0200;
        mem[132] = 16'h027c;
        mem[133] = 16'h0314;
        mem[134] = 16'h0390;
        mem[135] = 16'h040c;
        mem[136] = 16'h0488;
        mem[137] = 16'h0520;
        mem[138] = 16'h059c;
        mem[139] = 16'h0618;
        mem[140] = 16'h0694;
        mem[141] = 16'h072c;
        mem[142] = 16'h07a8;
        mem[143] = 16'h0824;
        mem[144] = 16'h08a0;
        mem[145] = 16'h0938;
        mem[146] = 16'h09b4;
        mem[147] = 16'h0a30;
        mem[148] = 16'h0aac;
        mem[149] = 16'h0b44;
        mem[150] = 16'h0bc0;
        mem[151] = 16'h0c3c;
        mem[152] = 16'h0cb8;
        mem[153] = 16'h0d50;
        mem[154] = 16'h0dcc;
        mem[155] = 16'h0e48;
        mem[156] = 16'h0ec4;
        mem[157] = 16'h0f5c;
        mem[158] = 16'h0fd8;
        mem[159] = 16'h1054;
        mem[160] = 16'h008c;
        mem[161] = 16'h0124;
        mem[162] = 16'h01a0;
        mem[163] = 16'h021c;
        mem[164] = 16'h0298;
        mem[165] = 16'h0330;
        mem[166] = 16'h03ac;
        mem[167] = 16'h0428;
        mem[168] = 16'h04a4;
        mem[169] = 16'h053c;
        mem[170] = 16'h05b8;
        mem[171] = 16'h0634;
        mem[172] = 16'h06b0;
        mem[173] = 16'h0748;
        mem[174] = 16'h07c4;
        mem[175] = 16'h0840;
        mem[176] = 16'h08bc;
        mem[177] = 16'h0954;
        mem[178] = 16'h09d0;
        mem[179] = 16'h0a4c;
        mem[180] = 16'h0ac8;
        mem[181] = 16'h0b60;
        mem[182] = 16'h0bdc;
        mem[183] = 16'h0c58;
        mem[184] = 16'h0cd4;
        mem[185] = 16'h0d6c;
        mem[186] = 16'h0de8;
        mem[187] = 16'h0e64;
        mem[188] = 16'h0ee0;
        mem[189] = 16'h0f78;
        mem[190] = 16'h0ff4;
        mem[191] = 16'h1070;
        mem[192] = 16'h00a8;
        mem[193] = 16'h0140;
        mem[194] = 16'h01bc;
        mem[195] = 16'h0238;
        mem[196] = 16'h02b4;
        mem[197] = 16'h034c;
        mem[198] = 16'h03c8;
        mem[199] = 16'h0444;
        mem[200] = 16'h04c0;
        mem[201] = 16'h0558;
        mem[202] = 16'h05d4;
        mem[203] = 16'h0650;
        mem[204] = 16'h06cc;
        mem[205] = 16'h0764;
        mem[206] = 16'h07e0;
        mem[207] = 16'h085c;
        mem[208] = 16'h08d8;
        mem[209] = 16'h0970;
        mem[210] = 16'h09ec;
        mem[211] = 16'h0a68;
        mem[212] = 16'h0ae4;
        mem[213] = 16'h0b7c;
        mem[214] = 16'h0bf8;
        mem[215] = 16'h0c74;
        mem[216] = 16'h0cf0;
        mem[217] = 16'h0d88;
        mem[218] = 16'h0e04;
        mem[219] = 16'h0e80;
        mem[220] = 16'h0efc;
        mem[221] = 16'h0f94;
        mem[222] = 16'h1010;
        mem[223] = 16'h108c;
        mem[224] = 16'h00c4;
        mem[225] = 16'h015c;
        mem[226] = 16'h01d8;
        mem[227] = 16'h0254;
        mem[228] = 16'h02d0;
        mem[229] = 16'h0368;
        mem[230] = 16'h03e4;
        mem[231] = 16'h0460;
        mem[232] = 16'h04dc;
        mem[233] = 16'h0574;
        mem[234] = 16'h05f0;
        mem[235] = 16'h066c;
        mem[236] = 16'h06e8;
        mem[237] = 16'h0780;
        mem[238] = 16'h07fc;
        mem[239] = 16'h0878;
        mem[240] = 16'h08f4;
        mem[241] = 16'h098c;
        mem[242] = 16'h0a08;
        mem[243] = 16'h0a84;
        mem[244] = 16'h0b00;
        mem[245] = 16'h0b98;
        mem[246] = 16'h0c14;
        mem[247] = 16'h0c90;
        mem[248] = 16'h0d0c;
        mem[249] = 16'h0da4;
        mem[250] = 16'h0e20;
        mem[251] = 16'h0e9c;
        mem[252] = 16'h0f18;
        mem[253] = 16'h0fb0;
        mem[254] = 16'h102c;
        mem[255] = 16'h10a8;
        mem[256] = 16'h00e0;
        mem[257] = 16'h0178;
        mem[258] = 16'h01f4;
        mem[259] = 16'h0270;
        mem[260] = 16'h02ec;
        mem[261] = 16'h0384;
        mem[262] = 16'h0400;
        mem[263] = 16'h047c;
        mem[264] = 16'h04f8;
        mem[265] = 16'h0590;
        mem[266] = 16'h060c;
        mem[267] = 16'h0688;
        mem[268] = 16'h0704;
        mem[269] = 16'h079c;
        mem[270] = 16'h0818;
        mem[271] = 16'h0894;
        mem[272] = 16'h0910;
        mem[273] = 16'h09a8;
        mem[274] = 16'h0a24;
        mem[275] = 16'h0aa0;
        mem[276] = 16'h0b1c;
        mem[277] = 16'h0bb4;
        mem[278] = 16'h0c30;
        mem[279] = 16'h0cac;
        mem[280] = 16'h0d28;
        mem[281] = 16'h0dc0;
        mem[282] = 16'h0e3c;
        mem[283] = 16'h0eb8;
        mem[284] = 16'h0f34;
        mem[285] = 16'h0fcc;
        mem[286] = 16'h1048;
        mem[287] = 16'h10c4;
        mem[288] = 16'h00fc;
        mem[289] = 16'h0194;
        mem[290] = 16'h0210;
        mem[291] = 16'h028c;
        mem[292] = 16'h0308;
        mem[293] = 16'h03a0;
        mem[294] = 16'h041c;
        mem[295] = 16'h0498;
        mem[296] = 16'h0514;
        mem[297] = 16'h05ac;
        mem[298] = 16'h0628;
        mem[299] = 16'h06a4;
        mem[300] = 16'h0720;
        mem[301] = 16'h07b8;
        mem[302] = 16'h0834;
        mem[303] = 16'h08b0;
        mem[304] = 16'h092c;
        mem[305] = 16'h09c4;
        mem[306] = 16'h0a40;
        mem[307] = 16'h0abc;
        mem[308] = 16'h0b38;
        mem[309] = 16'h0bd0;
        mem[310] = 16'h0c4c;
        mem[311] = 16'h0cc8;
        mem[312] = 16'h0d44;
        mem[313] = 16'h0ddc;
        mem[314] = 16'h0e58;
        mem[315] = 16'h0ed4;
        mem[316] = 16'h0f50;
        mem[317] = 16'h0fe8;
        mem[318] = 16'h1064;
        mem[319] = 16'h10e0;
        mem[320] = 16'h0118;
        mem[321] = 16'h01b0;
        mem[322] = 16'h022c;
        mem[323] = 16'h02a8;
        mem[324] = 16'h0324;
        mem[325] = 16'h03bc;
        mem[326] = 16'h0438;
        mem[327] = 16'h04b4;
        mem[328] = 16'h0530;
        mem[329] = 16'h05c8;
        mem[330] = 16'h0644;
        mem[331] = 16'h06c0;
        mem[332] = 16'h073c;
        mem[333] = 16'h07d4;
        mem[334] = 16'h0850;
        mem[335] = 16'h08cc;
        mem[336] = 16'h0948;
        mem[337] = 16'h09e0;
        mem[338] = 16'h0a5c;
        mem[339] = 16'h0ad8;
        mem[340] = 16'h0b54;
        mem[341] = 16'h0bec;
        mem[342] = 16'h0c68;
        mem[343] = 16'h0ce4;
        mem[344] = 16'h0d60;
        mem[345] = 16'h0df8;
        mem[346] = 16'h0e74;
        mem[347] = 16'h0ef0;
        mem[348] = 16'h0f6c;
        mem[349] = 16'h1004;
        mem[350] = 16'h1080;
        mem[351] = 16'h10fc;
        mem[352] = 16'h0134;
        mem[353] = 16'h01cc;
        mem[354] = 16'h0248;
        mem[355] = 16'h02c4;
        mem[356] = 16'h0340;
        mem[357] = 16'h03d8;
        mem[358] = 16'h0454;
        mem[359] = 16'h04d0;
        mem[360] = 16'h054c;
        mem[361] = 16'h05e4;
        mem[362] = 16'h0660;
        mem[363] = 16'h06dc;
        mem[364] = 16'h0758;
        mem[365] = 16'h07f0;
        mem[366] = 16'h086c;
        mem[367] = 16'h08e8;
        mem[368] = 16'h0964;
        mem[369] = 16'h09fc;
        mem[370] = 16'h0a78;
        mem[371] = 16'h0af4;
        mem[372] = 16'h0b70;
        mem[373] = 16'h0c08;
        mem[374] = 16'h0c84;
        mem[375] = 16'h0d00;
        mem[376] = 16'h0d7c;
        mem[377] = 16'h0e14;
        mem[378] = 16'h0e90;
        mem[379] = 16'h0f0c;
        mem[380] = 16'h0f88;
        mem[381] = 16'h1020;
        mem[382] = 16'h109c;
        mem[383] = 16'h1118;
        mem[384] = 16'h0150;
        mem[385] = 16'h01e8;
        mem[386] = 16'h0264;
        mem[387] = 16'h02e0;
        mem[388] = 16'h035c;
        mem[389] = 16'h03f4;
        mem[390] = 16'h0470;
        mem[391] = 16'h04ec;
        mem[392] = 16'h0568;
        mem[393] = 16'h0600;
        mem[394] = 16'h067c;
        mem[395] = 16'h06f8;
        mem[396] = 16'h0774;
        mem[397] = 16'h080c;
        mem[398] = 16'h0888;
        mem[399] = 16'h0904;
        mem[400] = 16'h0980;
        mem[401] = 16'h0a18;
        mem[402] = 16'h0a94;
        mem[403] = 16'h0b10;
        mem[404] = 16'h0b8c;
        mem[405] = 16'h0c24;
        mem[406] = 16'h0ca0;
        mem[407] = 16'h0d1c;
        mem[408] = 16'h0d98;
        mem[409] = 16'h0e30;
        mem[410] = 16'h0eac;
        mem[411] = 16'h0f28;
        mem[412] = 16'h0fa4;
        mem[413] = 16'h103c;
        mem[414] = 16'h10b8;
        mem[415] = 16'h1134;
        mem[416] = 16'h016c;
        mem[417] = 16'h0204;
        mem[418] = 16'h0280;
        mem[419] = 16'h02fc;
        mem[420] = 16'h0378;
        mem[421] = 16'h0410;
        mem[422] = 16'h048c;
        mem[423] = 16'h0508;
        mem[424] = 16'h0584;
        mem[425] = 16'h061c;
        mem[426] = 16'h0698;
        mem[427] = 16'h0714;
        mem[428] = 16'h0790;
        mem[429] = 16'h0828;
        mem[430] = 16'h08a4;
        mem[431] = 16'h0920;
        mem[432] = 16'h099c;
        mem[433] = 16'h0a34;
        mem[434] = 16'h0ab0;
        mem[435] = 16'h0b2c;
        mem[436] = 16'h0ba8;
        mem[437] = 16'h0c40;
        mem[438] = 16'h0cbc;
        mem[439] = 16'h0d38;
        mem[440] = 16'h0db4;
        mem[441] = 16'h0e4c;
        mem[442] = 16'h0ec8;
        mem[443] = 16'h0f44;
        mem[444] = 16'h0fc0;
        mem[445] = 16'h1058;
        mem[446] = 16'h10d4;
        mem[447] = 16'h1150;
        mem[448] = 16'h0188;
        mem[449] = 16'h0220;
        mem[450] = 16'h029c;
        mem[451] = 16'h0318;
        mem[452] = 16'h0394;
        mem[453] = 16'h042c;
        mem[454] = 16'h04a8;
        mem[455] = 16'h0524;
        mem[456] = 16'h05a0;
        mem[457] = 16'h0638;
        mem[458] = 16'h06b4;
        mem[459] = 16'h0730;
        mem[460] = 16'h07ac;
        mem[461] = 16'h0844;
        mem[462] = 16'h08c0;
        mem[463] = 16'h093c;
        mem[464] = 16'h09b8;
        mem[465] = 16'h0a50;
        mem[466] = 16'h0acc;
        mem[467] = 16'h0b48;
        mem[468] = 16'h0bc4;
        mem[469] = 16'h0c5c;
        mem[470] = 16'h0cd8;
        mem[471] = 16'h0d54;
        mem[472] = 16'h0dd0;
        mem[473] = 16'h0e68;
        mem[474] = 16'h0ee4;
        mem[475] = 16'h0f60;
        mem[476] = 16'h0fdc;
        mem[477] = 16'h1074;
        mem[478] = 16'h10f0;
        mem[479] = 16'h116c;
        mem[480] = 16'h01a4;
        mem[481] = 16'h023c;
        mem[482] = 16'h02b8;
        mem[483] = 16'h0334;
        mem[484] = 16'h03b0;
        mem[485] = 16'h0448;
        mem[486] = 16'h04c4;
        mem[487] = 16'h0540;
        mem[488] = 16'h05bc;
        mem[489] = 16'h0654;
        mem[490] = 16'h06d0;
        mem[491] = 16'h074c;
        mem[492] = 16'h07c8;
        mem[493] = 16'h0860;
        mem[494] = 16'h08dc;
        mem[495] = 16'h0958;
        mem[496] = 16'h09d4;
        mem[497] = 16'h0a6c;
        mem[498] = 16'h0ae8;
        mem[499] = 16'h0b64;
        mem[500] = 16'h0be0;
        mem[501] = 16'h0c78;
        mem[502] = 16'h0cf4;
        mem[503] = 16'h0d70;
        mem[504] = 16'h0dec;
        mem[505] = 16'h0e84;
        mem[506] = 16'h0f00;
        mem[507] = 16'h0f7c;
        mem[508] = 16'h0ff8;
        mem[509] = 16'h1090;
        mem[510] = 16'h110c;
        mem[511] = 16'h1188;
        mem[512] = 16'h0100;
        mem[516] = 16'h0100;
        mem[520] = 16'h0100;
        mem[524] = 16'h0100;
        mem[528] = 16'h0100;
        mem[532] = 16'h0100;
        mem[536] = 16'h0100;
        mem[540] = 16'h0100;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd544) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd544;
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
    localparam DEPTH = 544;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[0] = 16'h0007;
        mem[1] = 16'h0083;
        mem[2] = 16'h011b;
        mem[3] = 16'h0197;
        mem[4] = 16'h0213;
        mem[5] = 16'h028f;
        mem[6] = 16'h0327;
        mem[7] = 16'h03a3;
        mem[8] = 16'h041f;
        mem[9] = 16'h049b;
        mem[10] = 16'h0533;
        mem[11] = 16'h05af;
        mem[12] = 16'h062b;
        mem[13] = 16'h06a7;
        mem[14] = 16'h073f;
        mem[15] = 16'h07bb;
        mem[16] = 16'h0837;
        mem[17] = 16'h08b3;
        mem[18] = 16'h094b;
        mem[19] = 16'h09c7;
        mem[20] = 16'h0a43;
        mem[21] = 16'h0abf;
        mem[22] = 16'h0b57;
        mem[23] = 16'h0bd3;
        mem[24] = 16'h0c4f;
        mem[25] = 16'h0ccb;
        mem[26] = 16'h0d63;
        mem[27] = 16'h0ddf;
        mem[28] = 16'h0e5b;
        mem[29] = 16'h0ed7;
        mem[30] = 16'h0f6f;
        mem[31] = 16'h0feb;
        mem[32] = 16'h0023;
        mem[33] = 16'h009f;
        mem[34] = 16'h0137;
        mem[35] = 16'h01b3;
        mem[36] = 16'h022f;
        mem[37] = 16'h02ab;
        mem[38] = 16'h0343;
        mem[39] = 16'h03bf;
        mem[40] = 16'h043b;
        mem[41] = 16'h04b7;
        mem[42] = 16'h054f;
        mem[43] = 16'h05cb;
        mem[44] = 16'h0647;
        mem[45] = 16'h06c3;
        mem[46] = 16'h075b;
        mem[47] = 16'h07d7;
        mem[48] = 16'h0853;
        mem[49] = 16'h08cf;
        mem[50] = 16'h0967;
        mem[51] = 16'h09e3;
        mem[52] = 16'h0a5f;
        mem[53] = 16'h0adb;
        mem[54] = 16'h0b73;
        mem[55] = 16'h0bef;
        mem[56] = 16'h0c6b;
        mem[57] = 16'h0ce7;
        mem[58] = 16'h0d7f;
        mem[59] = 16'h0dfb;
        mem[60] = 16'h0e77;
        mem[61] = 16'h0ef3;
        mem[62] = 16'h0f8b;
        mem[63] = 16'h1007;
        mem[64] = 16'h003f;
        mem[65] = 16'h00bb;
        mem[66] = 16'h0153;
        mem[67] = 16'h01cf;
        mem[68] = 16'h024b;
        mem[69] = 16'h02c7;
        mem[70] = 16'h035f;
        mem[71] = 16'h03db;
        mem[72] = 16'h0457;
        mem[73] = 16'h04d3;
        mem[74] = 16'h056b;
        mem[75] = 16'h05e7;
        mem[76] = 16'h0663;
        mem[77] = 16'h06df;
        mem[78] = 16'h0777;
        mem[79] = 16'h07f3;
        mem[80] = 16'h086f;
        mem[81] = 16'h08eb;
        mem[82] = 16'h0983;
        mem[83] = 16'h09ff;
        mem[84] = 16'h0a7b;
        mem[85] = 16'h0af7;
        mem[86] = 16'h0b8f;
        mem[87] = 16'h0c0b;
        mem[88] = 16'h0c87;
        mem[89] = 16'h0d03;
        mem[90] = 16'h0d9b;
        mem[91] = 16'h0e17;
        mem[92] = 16'h0e93;
        mem[93] = 16'h0f0f;
        mem[94] = 16'h0fa7;
        mem[95] = 16'h1023;
        mem[96] = 16'h005b;
        mem[97] = 16'h00d7;
        mem[98] = 16'h016f;
        mem[99] = 16'h01eb;
        mem[100] = 16'h0267;
        mem[101] = 16'h02e3;
        mem[102] = 16'h037b;
        mem[103] = 16'h03f7;
        mem[104] = 16'h0473;
        mem[105] = 16'h04ef;
        mem[106] = 16'h0587;
        mem[107] = 16'h0603;
        mem[108] = 16'h067f;
        mem[109] = 16'h06fb;
        mem[110] = 16'h0793;
        mem[111] = 16'h080f;
        mem[112] = 16'h088b;
        mem[113] = 16'h0907;
        mem[114] = 16'h099f;
        mem[115] = 16'h0a1b;
        mem[116] = 16'h0a97;
        mem[117] = 16'h0b13;
        mem[118] = 16'h0bab;
        mem[119] = 16'h0c27;
        mem[120] = 16'h0ca3;
        mem[121] = 16'h0d1f;
        mem[122] = 16'h0db7;
        mem[123] = 16'h0e33;
        mem[124] = 16'h0eaf;
        mem[125] = 16'h0f2b;
        mem[126] = 16'h0fc3;
        mem[127] = 16'h103f;
        mem[128] = 16'h0077;
        mem[129] = 16'h00f3;
        mem[130] = 16'h018b;
        mem[131] = 16'h0207;
        mem[132] = 16'h0283;
        mem[133] = 16'h02ff;
        mem[134] = 16'h0397;
        mem[135] = 16'h0413;
        mem[136] = 16'h048f;
        mem[137] = 16'h050b;
        mem[138] = 16'h05a3;
        mem[139] = 16'h061f;
        mem[140] = 16'h069b;
        mem[141] = 16'h0717;
        mem[142] = 16'h07af;
        mem[143] = 16'h082b;
        mem[144] = 16'h08a7;
        mem[145] = 16'h0923;
        mem[146] = 16'h09bb;
        mem[147] = 16'h0a37;
        mem[148] = 16'h0ab3;
        mem[149] = 16'h0b2f;
        mem[150] = 16'h0bc7;
        mem[151] = 16'h0c43;
        mem[152] = 16'h0cbf;
        mem[153] = 16'h0d3b;
        mem[154] = 16'h0dd3;
        mem[155] = 16'h0e4f;
        mem[156] = 16'h0ecb;
        mem[157] = 16'h0f47;
        mem[158] = 16'h0fdf;
        mem[159] = 16'h105b;
        mem[160] = 16'h0093;
        mem[161] = 16'h010f;
        mem[162] = 16'h01a7;
        mem[163] = 16'h0223;
        mem[164] = 16'h029f;
        mem[165] = 16'h031b;
        mem[166] = 16'h03b3;
        mem[167] = 16'h042f;
        mem[168] = 16'h04ab;
        mem[169] = 16'h0527;
        mem[170] = 16'h05bf;
        mem[171] = 16'h063b;
        mem[172] = 16'h06b7;
        mem[173] = 16'h0733;
        mem[174] = 16'h07cb;
        mem[175] = 16'h0847;
        mem[176] = 16'h08c3;
        mem[177] = 16'h093f;
        mem[178] = 16'h09d7;
        mem[179] = 16'h0a53;
        mem[180] = 16'h0acf;
        mem[181] = 16'h0b4b;
        mem[182] = 16'h0be3;
        mem[183] = 16'h0c5f;
        mem[184] = 16'h0cdb;
        mem[185] = 16'h0d57;
        mem[186] = 16'h0def;
        mem[187] = 16'h0e6b;
        mem[188] = 16'h0ee7;
        mem[189] = 16'h0f63;
        mem[190] = 16'h0ffb;
        mem[191] = 16'h1077;
        mem[192] = 16'h00af;
        mem[193] = 16'h012b;
        mem[194] = 16'h01c3;
        mem[195] = 16'h023f;
        mem[196] = 16'h02bb;
        mem[197] = 16'h0337;
        mem[198] = 16'h03cf;
        mem[199] = 16'h044b;
        mem[200] = 16'h04c7;
        mem[201] = 16'h0543;
        mem[202] = 16'h05db;
        mem[203] = 16'h0657;
        mem[204] = 16'h06d3;
        mem[205] = 16'h074f;
        mem[206] = 16'h07e7;
        mem[207] = 16'h0863;
        mem[208] = 16'h08df;
        mem[209] = 16'h095b;
        mem[210] = 16'h09f3;
        mem[211] = 16'h0a6f;
        mem[212] = 16'h0aeb;
        mem[213] = 16'h0b67;
        mem[214] = 16'h0bff;
        mem[215] = 16'h0c7b;
        mem[216] = 16'h0cf7;
        mem[217] = 16'h0d73;
        mem[218] = 16'h0e0b;
        mem[219] = 16'h0e87;
        mem[220] = 16'h0f03;
        mem[221] = 16'h0f7f;
        mem[222] = 16'h1017;
        mem[223] = 16'h1093;
        mem[224] = 16'h00cb;
        mem[225] = 16'h0147;
        mem[226] = 16'h01df;
        mem[227] = 16'h025b;
        mem[228] = 16'h02d7;
        mem[229] = 16'h0353;
        mem[230] = 16'h03eb;
        mem[231] = 16'h0467;
        mem[232] = 16'h04e3;
        mem[233] = 16'h055f;
        mem[234] = 16'h05f7;
        mem[235] = 16'h0673;
        mem[236] = 16'h06ef;
        mem[237] = 16'h076b;
        mem[238] = 16'h0803;
        mem[239] = 16'h087f;
        mem[240] = 16'h08fb;
        mem[241] = 16'h0977;
        mem[242] = 16'h0a0f;
        mem[243] = 16'h0a8b;
        mem[244] = 16'h0b07;
        mem[245] = 16'h0b83;
        mem[246] = 16'h0c1b;
        mem[247] = 16'h0c97;
        mem[248] = 16'h0d13;
        mem[249] = 16'h0d8f;
        mem[250] = 16'h0e27;
        mem[251] = 16'h0ea3;
        mem[252] = 16'h0f1f;
        mem[253] = 16'h0f9b;
        mem[254] = 16'h1033;
        mem[255] = 16'h10af;
        mem[256] = 16'h00e7;
        mem[257] = 16'h0163;
        mem[258] = 16'h01fb;
        mem[259] = 16'h0277;
        mem[260] = 16'h02f3;
        mem[261] = 16'h036f;
        mem[262] = 16'h0407;
        mem[263] = 16'h0483;
        mem[264] = 16'h04ff;
        mem[265] = 16'h057b;
        mem[266] = 16'h0613;
        mem[267] = 16'h068f;
        mem[268] = 16'h070b;
        mem[269] = 16'h0787;
        mem[270] = 16'h081f;
        mem[271] = 16'h089b;
        mem[272] = 16'h0917;
        mem[273] = 16'h0993;
        mem[274] = 16'h0a2b;
        mem[275] = 16'h0aa7;
        mem[276] = 16'h0b23;
        mem[277] = 16'h0b9f;
        mem[278] = 16'h0c37;
        mem[279] = 16'h0cb3;
        mem[280] = 16'h0d2f;
        mem[281] = 16'h0dab;
        mem[282] = 16'h0e43;
        mem[283] = 16'h0ebf;
        mem[284] = 16'h0f3b;
        mem[285] = 16'h0fb7;
        mem[286] = 16'h104f;
        mem[287] = 16'h10cb;
        mem[288] = 16'h0103;
        mem[289] = 16'h017f;
        mem[290] = 16'h0217;
        mem[291] = 16'h0293;
        mem[292] = 16'h030f;
        mem[293] = 16'h038b;
        mem[294] = 16'h0423;
        mem[295] = 16'h049f;
        mem[296] = 16'h051b;
        mem[297] = 16'h0597;
        mem[298] = 16'h062f;
        mem[299] = 16'h06ab;
        mem[300] = 16'h0727;
        mem[301] = 16'h07a3;
        mem[302] = 16'h083b;
        mem[303] = 16'h08b7;
        mem[304] = 16'h0933;
        mem[305] = 16'h09af;
        mem[306] = 16'h0a47;
        mem[307] = 16'h0ac3;
        mem[308] = 16'h0b3f;
        mem[309] = 16'h0bbb;
        mem[310] = 16'h0c53;
        mem[311] = 16'h0ccf;
        mem[312] = 16'h0d4b;
        mem[313] = 16'h0dc7;
        mem[314] = 16'h0e5f;
        mem[315] = 16'h0edb;
        mem[316] = 16'h0f57;
        mem[317] = 16'h0fd3;
        mem[318] = 16'h106b;
        mem[319] = 16'h10e7;
        mem[320] = 16'h011f;
        mem[321] = 16'h019b;
        mem[322] = 16'h0233;
        mem[323] = 16'h02af;
        mem[324] = 16'h032b;
        mem[325] = 16'h03a7;
        mem[326] = 16'h043f;
        mem[327] = 16'h04bb;
        mem[328] = 16'h0537;
        mem[329] = 16'h05b3;
        mem[330] = 16'h064b;
        mem[331] = 16'h06c7;
        mem[332] = 16'h0743;
        mem[333] = 16'h07bf;
        mem[334] = 16'h0857;
        mem[335] = 16'h08d3;
        mem[336] = 16'h094f;
        mem[337] = 16'h09cb;
        mem[338] = 16'h0a63;
        mem[339] = 16'h0adf;
        mem[340] = 16'h0b5b;
        mem[341] = 16'h0bd7;
        mem[342] = 16'h0c6f;
        mem[343] = 16'h0ceb;
        mem[344] = 16'h0d67;
        mem[345] = 16'h0de3;
        mem[346] = 16'h0e7b;
        mem[347] = 16'h0ef7;
        mem[348] = 16'h0f73;
        mem[349] = 16'h0fef;
        mem[350] = 16'h1087;
        mem[351] = 16'h1103;
        mem[352] = 16'h013b;
        mem[353] = 16'h01b7;
        mem[354] = 16'h024f;
        mem[355] = 16'h02cb;
        mem[356] = 16'h0347;
        mem[357] = 16'h03c3;
        mem[358] = 16'h045b;
        mem[359] = 16'h04d7;
        mem[360] = 16'h0553;
        mem[361] = 16'h05cf;
        mem[362] = 16'h0667;
        mem[363] = 16'h06e3;
        mem[364] = 16'h075f;
        mem[365] = 16'h07db;
        mem[366] = 16'h0873;
        mem[367] = 16'h08ef;
        mem[368] = 16'h096b;
        mem[369] = 16'h09e7;
        mem[370] = 16'h0a7f;
        mem[371] = 16'h0afb;
        mem[372] = 16'h0b77;
        mem[373] = 16'h0bf3;
        mem[374] = 16'h0c8b;
        mem[375] = 16'h0d07;
        mem[376] = 16'h0d83;
        mem[377] = 16'h0dff;
        mem[378] = 16'h0e97;
        mem[379] = 16'h0f13;
        mem[380] = 16'h0f8f;
        mem[381] = 16'h100b;
        mem[382] = 16'h10a3;
        mem[383] = 16'h111f;
        mem[384] = 16'h0157;
        mem[385] = 16'h01d3;
        mem[386] = 16'h026b;
        mem[387] = 16'h02e7;
        mem[388] = 16'h0363;
        mem[389] = 16'h03df;
        mem[390] = 16'h0477;
        mem[391] = 16'h04f3;
        mem[392] = 16'h056f;
        mem[393] = 16'h05eb;
        mem[394] = 16'h0683;
        mem[395] = 16'h06ff;
        mem[396] = 16'h077b;
        mem[397] = 16'h07f7;
        mem[398] = 16'h088f;
        mem[399] = 16'h090b;
        mem[400] = 16'h0987;
        mem[401] = 16'h0a03;
        mem[402] = 16'h0a9b;
        mem[403] = 16'h0b17;
        mem[404] = 16'h0b93;
        mem[405] = 16'h0c0f;
        mem[406] = 16'h0ca7;
        mem[407] = 16'h0d23;
        mem[408] = 16'h0d9f;
        mem[409] = 16'h0e1b;
        mem[410] = 16'h0eb3;
        mem[411] = 16'h0f2f;
        mem[412] = 16'h0fab;
        mem[413] = 16'h1027;
        mem[414] = 16'h10bf;
        mem[415] = 16'h113b;
        mem[416] = 16'h0173;
        mem[417] = 16'h01ef;
        mem[418] = 16'h0287;
        mem[419] = 16'h0303;
        mem[420] = 16'h037f;
        mem[421] = 16'h03fb;
        mem[422] = 16'h0493;
        mem[423] = 16'h050f;
        mem[424] = 16'h058b;
        mem[425] = 16'h0607;
        mem[426] = 16'h069f;
        mem[427] = 16'h071b;
        mem[428] = 16'h0797;
        mem[429] = 16'h0813;
        mem[430] = 16'h08ab;
        mem[431] = 16'h0927;
        mem[432] = 16'h09a3;
        mem[433] = 16'h0a1f;
        mem[434] = 16'h0ab7;
        mem[435] = 16'h0b33;
        mem[436] = 16'h0baf;
        mem[437] = 16'h0c2b;
        mem[438] = 16'h0cc3;
        mem[439] = 16'h0d3f;
        mem[440] = 16'h0dbb;
        mem[441] = 16'h0e37;
        mem[442] = 16'h0ecf;
        mem[443] = 16'h0f4b;
        mem[444] = 16'h0fc7;
        mem[445] = 16'h1043;
        mem[446] = 16'h10db;
        mem[447] = 16'h1157;
        mem[448] = 16'h018f;
        mem[449] = 16'h020b;
        mem[450] = 16'h02a3;
        mem[451] = 16'h031f;
        mem[452] = 16'h039b;
        mem[453] = 16'h0417;
        mem[454] = 16'h04af;
        mem[455] = 16'h052b;
        mem[456] = 16'h05a7;
        mem[457] = 16'h0623;
        mem[458] = 16'h06bb;
        mem[459] = 16'h0737;
        mem[460] = 16'h07b3;
        mem[461] = 16'h082f;
        mem[462] = 16'h08c7;
        mem[463] = 16'h0943;
        mem[464] = 16'h09bf;
        mem[465] = 16'h0a3b;
        mem[466] = 16'h0ad3;
        mem[467] = 16'h0b4f;
        mem[468] = 16'h0bcb;
        mem[469] = 16'h0c47;
        mem[470] = 16'h0cdf;
        mem[471] = 16'h0d5b;
        mem[472] = 16'h0dd7;
        mem[473] = 16'h0e53;
        mem[474] = 16'h0eeb;
        mem[475] = 16'h0f67;
        mem[476] = 16'h0fe3;
        mem[477] = 16'h105f;
        mem[478] = 16'h10f7;
        mem[479] = 16'h1173;
        mem[480] = 16'h01ab;
        mem[481] = 16'h0227;
        mem[482] = 16'h02bf;
        mem[483] = 16'h033b;
        mem[484] = 16'h03b7;
        mem[485] = 16'h0433;
        mem[486] = 16'h04cb;
        mem[487] = 16'h0547;
        mem[488] = 16'h05c3;
        mem[489] = 16'h063f;
        mem[490] = 16'h06d7;
        mem[491] = 16'h0753;
        mem[492] = 16'h07cf;
        mem[493] = 16'h084b;
        mem[494] = 16'h08e3;
        mem[495] = 16'h095f;
        mem[496] = 16'h09db;
        mem[497] = 16'h0a57;
        mem[498] = 16'h0aef;
        mem[499] = 16'h0b6b;
        mem[500] = 16'h0be7;
        mem[501] = 16'h0c63;
        mem[502] = 16'h0cfb;
        mem[503] = 16'h0d77;
        mem[504] = 16'h0df3;
        mem[505] = 16'h0e6f;
        mem[506] = 16'h0f07;
        mem[507] = 16'h0f83;
        mem[508] = 16'h0fff;
        mem[509] = 16'h107b;
        mem[510] = 16'h1113;
        mem[511] = 16'h118f;
        mem[513] = 16'h0100;
        mem[517] = 16'h0100;
        mem[521] = 16'h0100;
        mem[525] = 16'h0100;
        mem[529] = 16'h0100;
        mem[533] = 16'h0100;
        mem[537] = 16'h0100;
        mem[541] = 16'h0100;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd544) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd544;
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
    localparam DEPTH = 544;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[0] = 16'h000e;
        mem[1] = 16'h008a;
        mem[2] = 16'h0106;
        mem[3] = 16'h019e;
        mem[4] = 16'h021a;
        mem[5] = 16'h0296;
        mem[6] = 16'h0312;
        mem[7] = 16'h03aa;
        mem[8] = 16'h0426;
        mem[9] = 16'h04a2;
        mem[10] = 16'h051e;
        mem[11] = 16'h05b6;
        mem[12] = 16'h0632;
        mem[13] = 16'h06ae;
        mem[14] = 16'h072a;
        mem[15] = 16'h07c2;
        mem[16] = 16'h083e;
        mem[17] = 16'h08ba;
        mem[18] = 16'h0936;
        mem[19] = 16'h09ce;
        mem[20] = 16'h0a4a;
        mem[21] = 16'h0ac6;
        mem[22] = 16'h0b42;
        mem[23] = 16'h0bda;
        mem[24] = 16'h0c56;
        mem[25] = 16'h0cd2;
        mem[26] = 16'h0d4e;
        mem[27] = 16'h0de6;
        mem[28] = 16'h0e62;
        mem[29] = 16'h0ede;
        mem[30] = 16'h0f5a;
        mem[31] = 16'h0ff2;
        mem[32] = 16'h002a;
        mem[33] = 16'h00a6;
        mem[34] = 16'h0122;
        mem[35] = 16'h01ba;
        mem[36] = 16'h0236;
        mem[37] = 16'h02b2;
        mem[38] = 16'h032e;
        mem[39] = 16'h03c6;
        mem[40] = 16'h0442;
        mem[41] = 16'h04be;
        mem[42] = 16'h053a;
        mem[43] = 16'h05d2;
        mem[44] = 16'h064e;
        mem[45] = 16'h06ca;
        mem[46] = 16'h0746;
        mem[47] = 16'h07de;
        mem[48] = 16'h085a;
        mem[49] = 16'h08d6;
        mem[50] = 16'h0952;
        mem[51] = 16'h09ea;
        mem[52] = 16'h0a66;
        mem[53] = 16'h0ae2;
        mem[54] = 16'h0b5e;
        mem[55] = 16'h0bf6;
        mem[56] = 16'h0c72;
        mem[57] = 16'h0cee;
        mem[58] = 16'h0d6a;
        mem[59] = 16'h0e02;
        mem[60] = 16'h0e7e;
        mem[61] = 16'h0efa;
        mem[62] = 16'h0f76;
        mem[63] = 16'h100e;
        mem[64] = 16'h0046;
        mem[65] = 16'h00c2;
        mem[66] = 16'h013e;
        mem[67] = 16'h01d6;
        mem[68] = 16'h0252;
        mem[69] = 16'h02ce;
        mem[70] = 16'h034a;
        mem[71] = 16'h03e2;
        mem[72] = 16'h045e;
        mem[73] = 16'h04da;
        mem[74] = 16'h0556;
        mem[75] = 16'h05ee;
        mem[76] = 16'h066a;
        mem[77] = 16'h06e6;
        mem[78] = 16'h0762;
        mem[79] = 16'h07fa;
        mem[80] = 16'h0876;
        mem[81] = 16'h08f2;
        mem[82] = 16'h096e;
        mem[83] = 16'h0a06;
        mem[84] = 16'h0a82;
        mem[85] = 16'h0afe;
        mem[86] = 16'h0b7a;
        mem[87] = 16'h0c12;
        mem[88] = 16'h0c8e;
        mem[89] = 16'h0d0a;
        mem[90] = 16'h0d86;
        mem[91] = 16'h0e1e;
        mem[92] = 16'h0e9a;
        mem[93] = 16'h0f16;
        mem[94] = 16'h0f92;
        mem[95] = 16'h102a;
        mem[96] = 16'h0062;
        mem[97] = 16'h00de;
        mem[98] = 16'h015a;
        mem[99] = 16'h01f2;
        mem[100] = 16'h026e;
        mem[101] = 16'h02ea;
        mem[102] = 16'h0366;
        mem[103] = 16'h03fe;
        mem[104] = 16'h047a;
        mem[105] = 16'h04f6;
        mem[106] = 16'h0572;
        mem[107] = 16'h060a;
        mem[108] = 16'h0686;
        mem[109] = 16'h0702;
        mem[110] = 16'h077e;
        mem[111] = 16'h0816;
        mem[112] = 16'h0892;
        mem[113] = 16'h090e;
        mem[114] = 16'h098a;
        mem[115] = 16'h0a22;
        mem[116] = 16'h0a9e;
        mem[117] = 16'h0b1a;
        mem[118] = 16'h0b96;
        mem[119] = 16'h0c2e;
        mem[120] = 16'h0caa;
        mem[121] = 16'h0d26;
        mem[122] = 16'h0da2;
        mem[123] = 16'h0e3a;
        mem[124] = 16'h0eb6;
        mem[125] = 16'h0f32;
        mem[126] = 16'h0fae;
        mem[127] = 16'h1046;
        mem[128] = 16'h007e;
        mem[129] = 16'h00fa;
        mem[130] = 16'h0176;
        mem[131] = 16'h020e;
        mem[132] = 16'h028a;
        mem[133] = 16'h0306;
        mem[134] = 16'h0382;
        mem[135] = 16'h041a;
        mem[136] = 16'h0496;
        mem[137] = 16'h0512;
        mem[138] = 16'h058e;
        mem[139] = 16'h0626;
        mem[140] = 16'h06a2;
        mem[141] = 16'h071e;
        mem[142] = 16'h079a;
        mem[143] = 16'h0832;
        mem[144] = 16'h08ae;
        mem[145] = 16'h092a;
        mem[146] = 16'h09a6;
        mem[147] = 16'h0a3e;
        mem[148] = 16'h0aba;
        mem[149] = 16'h0b36;
        mem[150] = 16'h0bb2;
        mem[151] = 16'h0c4a;
        mem[152] = 16'h0cc6;
        mem[153] = 16'h0d42;
        mem[154] = 16'h0dbe;
        mem[155] = 16'h0e56;
        mem[156] = 16'h0ed2;
        mem[157] = 16'h0f4e;
        mem[158] = 16'h0fca;
        mem[159] = 16'h1062;
        mem[160] = 16'h009a;
        mem[161] = 16'h0116;
        mem[162] = 16'h0192;
        mem[163] = 16'h022a;
        mem[164] = 16'h02a6;
        mem[165] = 16'h0322;
        mem[166] = 16'h039e;
        mem[167] = 16'h0436;
        mem[168] = 16'h04b2;
        mem[169] = 16'h052e;
        mem[170] = 16'h05aa;
        mem[171] = 16'h0642;
        mem[172] = 16'h06be;
        mem[173] = 16'h073a;
        mem[174] = 16'h07b6;
        mem[175] = 16'h084e;
        mem[176] = 16'h08ca;
        mem[177] = 16'h0946;
        mem[178] = 16'h09c2;
        mem[179] = 16'h0a5a;
        mem[180] = 16'h0ad6;
        mem[181] = 16'h0b52;
        mem[182] = 16'h0bce;
        mem[183] = 16'h0c66;
        mem[184] = 16'h0ce2;
        mem[185] = 16'h0d5e;
        mem[186] = 16'h0dda;
        mem[187] = 16'h0e72;
        mem[188] = 16'h0eee;
        mem[189] = 16'h0f6a;
        mem[190] = 16'h0fe6;
        mem[191] = 16'h107e;
        mem[192] = 16'h00b6;
        mem[193] = 16'h0132;
        mem[194] = 16'h01ae;
        mem[195] = 16'h0246;
        mem[196] = 16'h02c2;
        mem[197] = 16'h033e;
        mem[198] = 16'h03ba;
        mem[199] = 16'h0452;
        mem[200] = 16'h04ce;
        mem[201] = 16'h054a;
        mem[202] = 16'h05c6;
        mem[203] = 16'h065e;
        mem[204] = 16'h06da;
        mem[205] = 16'h0756;
        mem[206] = 16'h07d2;
        mem[207] = 16'h086a;
        mem[208] = 16'h08e6;
        mem[209] = 16'h0962;
        mem[210] = 16'h09de;
        mem[211] = 16'h0a76;
        mem[212] = 16'h0af2;
        mem[213] = 16'h0b6e;
        mem[214] = 16'h0bea;
        mem[215] = 16'h0c82;
        mem[216] = 16'h0cfe;
        mem[217] = 16'h0d7a;
        mem[218] = 16'h0df6;
        mem[219] = 16'h0e8e;
        mem[220] = 16'h0f0a;
        mem[221] = 16'h0f86;
        mem[222] = 16'h1002;
        mem[223] = 16'h109a;
        mem[224] = 16'h00d2;
        mem[225] = 16'h014e;
        mem[226] = 16'h01ca;
        mem[227] = 16'h0262;
        mem[228] = 16'h02de;
        mem[229] = 16'h035a;
        mem[230] = 16'h03d6;
        mem[231] = 16'h046e;
        mem[232] = 16'h04ea;
        mem[233] = 16'h0566;
        mem[234] = 16'h05e2;
        mem[235] = 16'h067a;
        mem[236] = 16'h06f6;
        mem[237] = 16'h0772;
        mem[238] = 16'h07ee;
        mem[239] = 16'h0886;
        mem[240] = 16'h0902;
        mem[241] = 16'h097e;
        mem[242] = 16'h09fa;
        mem[243] = 16'h0a92;
        mem[244] = 16'h0b0e;
        mem[245] = 16'h0b8a;
        mem[246] = 16'h0c06;
        mem[247] = 16'h0c9e;
        mem[248] = 16'h0d1a;
        mem[249] = 16'h0d96;
        mem[250] = 16'h0e12;
        mem[251] = 16'h0eaa;
        mem[252] = 16'h0f26;
        mem[253] = 16'h0fa2;
        mem[254] = 16'h101e;
        mem[255] = 16'h10b6;
        mem[256] = 16'h00ee;
        mem[257] = 16'h016a;
        mem[258] = 16'h01e6;
        mem[259] = 16'h027e;
        mem[260] = 16'h02fa;
        mem[261] = 16'h0376;
        mem[262] = 16'h03f2;
        mem[263] = 16'h048a;
        mem[264] = 16'h0506;
        mem[265] = 16'h0582;
        mem[266] = 16'h05fe;
        mem[267] = 16'h0696;
        mem[268] = 16'h0712;
        mem[269] = 16'h078e;
        mem[270] = 16'h080a;
        mem[271] = 16'h08a2;
        mem[272] = 16'h091e;
        mem[273] = 16'h099a;
        mem[274] = 16'h0a16;
        mem[275] = 16'h0aae;
        mem[276] = 16'h0b2a;
        mem[277] = 16'h0ba6;
        mem[278] = 16'h0c22;
        mem[279] = 16'h0cba;
        mem[280] = 16'h0d36;
        mem[281] = 16'h0db2;
        mem[282] = 16'h0e2e;
        mem[283] = 16'h0ec6;
        mem[284] = 16'h0f42;
        mem[285] = 16'h0fbe;
        mem[286] = 16'h103a;
        mem[287] = 16'h10d2;
        mem[288] = 16'h010a;
        mem[289] = 16'h0186;
        mem[290] = 16'h0202;
        mem[291] = 16'h029a;
        mem[292] = 16'h0316;
        mem[293] = 16'h0392;
        mem[294] = 16'h040e;
        mem[295] = 16'h04a6;
        mem[296] = 16'h0522;
        mem[297] = 16'h059e;
        mem[298] = 16'h061a;
        mem[299] = 16'h06b2;
        mem[300] = 16'h072e;
        mem[301] = 16'h07aa;
        mem[302] = 16'h0826;
        mem[303] = 16'h08be;
        mem[304] = 16'h093a;
        mem[305] = 16'h09b6;
        mem[306] = 16'h0a32;
        mem[307] = 16'h0aca;
        mem[308] = 16'h0b46;
        mem[309] = 16'h0bc2;
        mem[310] = 16'h0c3e;
        mem[311] = 16'h0cd6;
        mem[312] = 16'h0d52;
        mem[313] = 16'h0dce;
        mem[314] = 16'h0e4a;
        mem[315] = 16'h0ee2;
        mem[316] = 16'h0f5e;
        mem[317] = 16'h0fda;
        mem[318] = 16'h1056;
        mem[319] = 16'h10ee;
        mem[320] = 16'h0126;
        mem[321] = 16'h01a2;
        mem[322] = 16'h021e;
        mem[323] = 16'h02b6;
        mem[324] = 16'h0332;
        mem[325] = 16'h03ae;
        mem[326] = 16'h042a;
        mem[327] = 16'h04c2;
        mem[328] = 16'h053e;
        mem[329] = 16'h05ba;
        mem[330] = 16'h0636;
        mem[331] = 16'h06ce;
        mem[332] = 16'h074a;
        mem[333] = 16'h07c6;
        mem[334] = 16'h0842;
        mem[335] = 16'h08da;
        mem[336] = 16'h0956;
        mem[337] = 16'h09d2;
        mem[338] = 16'h0a4e;
        mem[339] = 16'h0ae6;
        mem[340] = 16'h0b62;
        mem[341] = 16'h0bde;
        mem[342] = 16'h0c5a;
        mem[343] = 16'h0cf2;
        mem[344] = 16'h0d6e;
        mem[345] = 16'h0dea;
        mem[346] = 16'h0e66;
        mem[347] = 16'h0efe;
        mem[348] = 16'h0f7a;
        mem[349] = 16'h0ff6;
        mem[350] = 16'h1072;
        mem[351] = 16'h110a;
        mem[352] = 16'h0142;
        mem[353] = 16'h01be;
        mem[354] = 16'h023a;
        mem[355] = 16'h02d2;
        mem[356] = 16'h034e;
        mem[357] = 16'h03ca;
        mem[358] = 16'h0446;
        mem[359] = 16'h04de;
        mem[360] = 16'h055a;
        mem[361] = 16'h05d6;
        mem[362] = 16'h0652;
        mem[363] = 16'h06ea;
        mem[364] = 16'h0766;
        mem[365] = 16'h07e2;
        mem[366] = 16'h085e;
        mem[367] = 16'h08f6;
        mem[368] = 16'h0972;
        mem[369] = 16'h09ee;
        mem[370] = 16'h0a6a;
        mem[371] = 16'h0b02;
        mem[372] = 16'h0b7e;
        mem[373] = 16'h0bfa;
        mem[374] = 16'h0c76;
        mem[375] = 16'h0d0e;
        mem[376] = 16'h0d8a;
        mem[377] = 16'h0e06;
        mem[378] = 16'h0e82;
        mem[379] = 16'h0f1a;
        mem[380] = 16'h0f96;
        mem[381] = 16'h1012;
        mem[382] = 16'h108e;
        mem[383] = 16'h1126;
        mem[384] = 16'h015e;
        mem[385] = 16'h01da;
        mem[386] = 16'h0256;
        mem[387] = 16'h02ee;
        mem[388] = 16'h036a;
        mem[389] = 16'h03e6;
        mem[390] = 16'h0462;
        mem[391] = 16'h04fa;
        mem[392] = 16'h0576;
        mem[393] = 16'h05f2;
        mem[394] = 16'h066e;
        mem[395] = 16'h0706;
        mem[396] = 16'h0782;
        mem[397] = 16'h07fe;
        mem[398] = 16'h087a;
        mem[399] = 16'h0912;
        mem[400] = 16'h098e;
        mem[401] = 16'h0a0a;
        mem[402] = 16'h0a86;
        mem[403] = 16'h0b1e;
        mem[404] = 16'h0b9a;
        mem[405] = 16'h0c16;
        mem[406] = 16'h0c92;
        mem[407] = 16'h0d2a;
        mem[408] = 16'h0da6;
        mem[409] = 16'h0e22;
        mem[410] = 16'h0e9e;
        mem[411] = 16'h0f36;
        mem[412] = 16'h0fb2;
        mem[413] = 16'h102e;
        mem[414] = 16'h10aa;
        mem[415] = 16'h1142;
        mem[416] = 16'h017a;
        mem[417] = 16'h01f6;
        mem[418] = 16'h0272;
        mem[419] = 16'h030a;
        mem[420] = 16'h0386;
        mem[421] = 16'h0402;
        mem[422] = 16'h047e;
        mem[423] = 16'h0516;
        mem[424] = 16'h0592;
        mem[425] = 16'h060e;
        mem[426] = 16'h068a;
        mem[427] = 16'h0722;
        mem[428] = 16'h079e;
        mem[429] = 16'h081a;
        mem[430] = 16'h0896;
        mem[431] = 16'h092e;
        mem[432] = 16'h09aa;
        mem[433] = 16'h0a26;
        mem[434] = 16'h0aa2;
        mem[435] = 16'h0b3a;
        mem[436] = 16'h0bb6;
        mem[437] = 16'h0c32;
        mem[438] = 16'h0cae;
        mem[439] = 16'h0d46;
        mem[440] = 16'h0dc2;
        mem[441] = 16'h0e3e;
        mem[442] = 16'h0eba;
        mem[443] = 16'h0f52;
        mem[444] = 16'h0fce;
        mem[445] = 16'h104a;
        mem[446] = 16'h10c6;
        mem[447] = 16'h115e;
        mem[448] = 16'h0196;
        mem[449] = 16'h0212;
        mem[450] = 16'h028e;
        mem[451] = 16'h0326;
        mem[452] = 16'h03a2;
        mem[453] = 16'h041e;
        mem[454] = 16'h049a;
        mem[455] = 16'h0532;
        mem[456] = 16'h05ae;
        mem[457] = 16'h062a;
        mem[458] = 16'h06a6;
        mem[459] = 16'h073e;
        mem[460] = 16'h07ba;
        mem[461] = 16'h0836;
        mem[462] = 16'h08b2;
        mem[463] = 16'h094a;
        mem[464] = 16'h09c6;
        mem[465] = 16'h0a42;
        mem[466] = 16'h0abe;
        mem[467] = 16'h0b56;
        mem[468] = 16'h0bd2;
        mem[469] = 16'h0c4e;
        mem[470] = 16'h0cca;
        mem[471] = 16'h0d62;
        mem[472] = 16'h0dde;
        mem[473] = 16'h0e5a;
        mem[474] = 16'h0ed6;
        mem[475] = 16'h0f6e;
        mem[476] = 16'h0fea;
        mem[477] = 16'h1066;
        mem[478] = 16'h10e2;
        mem[479] = 16'h117a;
        mem[480] = 16'h01b2;
        mem[481] = 16'h022e;
        mem[482] = 16'h02aa;
        mem[483] = 16'h0342;
        mem[484] = 16'h03be;
        mem[485] = 16'h043a;
        mem[486] = 16'h04b6;
        mem[487] = 16'h054e;
        mem[488] = 16'h05ca;
        mem[489] = 16'h0646;
        mem[490] = 16'h06c2;
        mem[491] = 16'h075a;
        mem[492] = 16'h07d6;
        mem[493] = 16'h0852;
        mem[494] = 16'h08ce;
        mem[495] = 16'h0966;
        mem[496] = 16'h09e2;
        mem[497] = 16'h0a5e;
        mem[498] = 16'h0ada;
        mem[499] = 16'h0b72;
        mem[500] = 16'h0bee;
        mem[501] = 16'h0c6a;
        mem[502] = 16'h0ce6;
        mem[503] = 16'h0d7e;
        mem[504] = 16'h0dfa;
        mem[505] = 16'h0e76;
        mem[506] = 16'h0ef2;
        mem[507] = 16'h0f8a;
        mem[508] = 16'h1006;
        mem[509] = 16'h1082;
        mem[510] = 16'h10fe;
        mem[511] = 16'h1196;
        mem[514] = 16'h0100;
        mem[518] = 16'h0100;
        mem[522] = 16'h0100;
        mem[526] = 16'h0100;
        mem[530] = 16'h0100;
        mem[534] = 16'h0100;
        mem[538] = 16'h0100;
        mem[542] = 16'h0100;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd544) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd544;
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
    localparam DEPTH = 544;
    reg [15:0] mem [0:DEPTH-1];
    reg [15:0] rd_raw;
    reg rd_ok;
    integer i;
    initial begin
        for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;
        mem[0] = 16'h0015;
        mem[1] = 16'h0091;
        mem[2] = 16'h010d;
        mem[3] = 16'h0189;
        mem[4] = 16'h0221;
        mem[5] = 16'h029d;
        mem[6] = 16'h0319;
        mem[7] = 16'h0395;
        mem[8] = 16'h042d;
        mem[9] = 16'h04a9;
        mem[10] = 16'h0525;
        mem[11] = 16'h05a1;
        mem[12] = 16'h0639;
        mem[13] = 16'h06b5;
        mem[14] = 16'h0731;
        mem[15] = 16'h07ad;
        mem[16] = 16'h0845;
        mem[17] = 16'h08c1;
        mem[18] = 16'h093d;
        mem[19] = 16'h09b9;
        mem[20] = 16'h0a51;
        mem[21] = 16'h0acd;
        mem[22] = 16'h0b49;
        mem[23] = 16'h0bc5;
        mem[24] = 16'h0c5d;
        mem[25] = 16'h0cd9;
        mem[26] = 16'h0d55;
        mem[27] = 16'h0dd1;
        mem[28] = 16'h0e69;
        mem[29] = 16'h0ee5;
        mem[30] = 16'h0f61;
        mem[31] = 16'h0fdd;
        mem[32] = 16'h0031;
        mem[33] = 16'h00ad;
        mem[34] = 16'h0129;
        mem[35] = 16'h01a5;
        mem[36] = 16'h023d;
        mem[37] = 16'h02b9;
        mem[38] = 16'h0335;
        mem[39] = 16'h03b1;
        mem[40] = 16'h0449;
        mem[41] = 16'h04c5;
        mem[42] = 16'h0541;
        mem[43] = 16'h05bd;
        mem[44] = 16'h0655;
        mem[45] = 16'h06d1;
        mem[46] = 16'h074d;
        mem[47] = 16'h07c9;
        mem[48] = 16'h0861;
        mem[49] = 16'h08dd;
        mem[50] = 16'h0959;
        mem[51] = 16'h09d5;
        mem[52] = 16'h0a6d;
        mem[53] = 16'h0ae9;
        mem[54] = 16'h0b65;
        mem[55] = 16'h0be1;
        mem[56] = 16'h0c79;
        mem[57] = 16'h0cf5;
        mem[58] = 16'h0d71;
        mem[59] = 16'h0ded;
        mem[60] = 16'h0e85;
        mem[61] = 16'h0f01;
        mem[62] = 16'h0f7d;
        mem[63] = 16'h0ff9;
        mem[64] = 16'h004d;
        mem[65] = 16'h00c9;
        mem[66] = 16'h0145;
        mem[67] = 16'h01c1;
        mem[68] = 16'h0259;
        mem[69] = 16'h02d5;
        mem[70] = 16'h0351;
        mem[71] = 16'h03cd;
        mem[72] = 16'h0465;
        mem[73] = 16'h04e1;
        mem[74] = 16'h055d;
        mem[75] = 16'h05d9;
        mem[76] = 16'h0671;
        mem[77] = 16'h06ed;
        mem[78] = 16'h0769;
        mem[79] = 16'h07e5;
        mem[80] = 16'h087d;
        mem[81] = 16'h08f9;
        mem[82] = 16'h0975;
        mem[83] = 16'h09f1;
        mem[84] = 16'h0a89;
        mem[85] = 16'h0b05;
        mem[86] = 16'h0b81;
        mem[87] = 16'h0bfd;
        mem[88] = 16'h0c95;
        mem[89] = 16'h0d11;
        mem[90] = 16'h0d8d;
        mem[91] = 16'h0e09;
        mem[92] = 16'h0ea1;
        mem[93] = 16'h0f1d;
        mem[94] = 16'h0f99;
        mem[95] = 16'h1015;
        mem[96] = 16'h0069;
        mem[97] = 16'h00e5;
        mem[98] = 16'h0161;
        mem[99] = 16'h01dd;
        mem[100] = 16'h0275;
        mem[101] = 16'h02f1;
        mem[102] = 16'h036d;
        mem[103] = 16'h03e9;
        mem[104] = 16'h0481;
        mem[105] = 16'h04fd;
        mem[106] = 16'h0579;
        mem[107] = 16'h05f5;
        mem[108] = 16'h068d;
        mem[109] = 16'h0709;
        mem[110] = 16'h0785;
        mem[111] = 16'h0801;
        mem[112] = 16'h0899;
        mem[113] = 16'h0915;
        mem[114] = 16'h0991;
        mem[115] = 16'h0a0d;
        mem[116] = 16'h0aa5;
        mem[117] = 16'h0b21;
        mem[118] = 16'h0b9d;
        mem[119] = 16'h0c19;
        mem[120] = 16'h0cb1;
        mem[121] = 16'h0d2d;
        mem[122] = 16'h0da9;
        mem[123] = 16'h0e25;
        mem[124] = 16'h0ebd;
        mem[125] = 16'h0f39;
        mem[126] = 16'h0fb5;
        mem[127] = 16'h1031;
        mem[128] = 16'h0085;
        mem[129] = 16'h0101;
        mem[130] = 16'h017d;
        mem[131] = 16'h01f9;
        mem[132] = 16'h0291;
        mem[133] = 16'h030d;
        mem[134] = 16'h0389;
        mem[135] = 16'h0405;
        mem[136] = 16'h049d;
        mem[137] = 16'h0519;
        mem[138] = 16'h0595;
        mem[139] = 16'h0611;
        mem[140] = 16'h06a9;
        mem[141] = 16'h0725;
        mem[142] = 16'h07a1;
        mem[143] = 16'h081d;
        mem[144] = 16'h08b5;
        mem[145] = 16'h0931;
        mem[146] = 16'h09ad;
        mem[147] = 16'h0a29;
        mem[148] = 16'h0ac1;
        mem[149] = 16'h0b3d;
        mem[150] = 16'h0bb9;
        mem[151] = 16'h0c35;
        mem[152] = 16'h0ccd;
        mem[153] = 16'h0d49;
        mem[154] = 16'h0dc5;
        mem[155] = 16'h0e41;
        mem[156] = 16'h0ed9;
        mem[157] = 16'h0f55;
        mem[158] = 16'h0fd1;
        mem[159] = 16'h104d;
        mem[160] = 16'h00a1;
        mem[161] = 16'h011d;
        mem[162] = 16'h0199;
        mem[163] = 16'h0215;
        mem[164] = 16'h02ad;
        mem[165] = 16'h0329;
        mem[166] = 16'h03a5;
        mem[167] = 16'h0421;
        mem[168] = 16'h04b9;
        mem[169] = 16'h0535;
        mem[170] = 16'h05b1;
        mem[171] = 16'h062d;
        mem[172] = 16'h06c5;
        mem[173] = 16'h0741;
        mem[174] = 16'h07bd;
        mem[175] = 16'h0839;
        mem[176] = 16'h08d1;
        mem[177] = 16'h094d;
        mem[178] = 16'h09c9;
        mem[179] = 16'h0a45;
        mem[180] = 16'h0add;
        mem[181] = 16'h0b59;
        mem[182] = 16'h0bd5;
        mem[183] = 16'h0c51;
        mem[184] = 16'h0ce9;
        mem[185] = 16'h0d65;
        mem[186] = 16'h0de1;
        mem[187] = 16'h0e5d;
        mem[188] = 16'h0ef5;
        mem[189] = 16'h0f71;
        mem[190] = 16'h0fed;
        mem[191] = 16'h1069;
        mem[192] = 16'h00bd;
        mem[193] = 16'h0139;
        mem[194] = 16'h01b5;
        mem[195] = 16'h0231;
        mem[196] = 16'h02c9;
        mem[197] = 16'h0345;
        mem[198] = 16'h03c1;
        mem[199] = 16'h043d;
        mem[200] = 16'h04d5;
        mem[201] = 16'h0551;
        mem[202] = 16'h05cd;
        mem[203] = 16'h0649;
        mem[204] = 16'h06e1;
        mem[205] = 16'h075d;
        mem[206] = 16'h07d9;
        mem[207] = 16'h0855;
        mem[208] = 16'h08ed;
        mem[209] = 16'h0969;
        mem[210] = 16'h09e5;
        mem[211] = 16'h0a61;
        mem[212] = 16'h0af9;
        mem[213] = 16'h0b75;
        mem[214] = 16'h0bf1;
        mem[215] = 16'h0c6d;
        mem[216] = 16'h0d05;
        mem[217] = 16'h0d81;
        mem[218] = 16'h0dfd;
        mem[219] = 16'h0e79;
        mem[220] = 16'h0f11;
        mem[221] = 16'h0f8d;
        mem[222] = 16'h1009;
        mem[223] = 16'h1085;
        mem[224] = 16'h00d9;
        mem[225] = 16'h0155;
        mem[226] = 16'h01d1;
        mem[227] = 16'h024d;
        mem[228] = 16'h02e5;
        mem[229] = 16'h0361;
        mem[230] = 16'h03dd;
        mem[231] = 16'h0459;
        mem[232] = 16'h04f1;
        mem[233] = 16'h056d;
        mem[234] = 16'h05e9;
        mem[235] = 16'h0665;
        mem[236] = 16'h06fd;
        mem[237] = 16'h0779;
        mem[238] = 16'h07f5;
        mem[239] = 16'h0871;
        mem[240] = 16'h0909;
        mem[241] = 16'h0985;
        mem[242] = 16'h0a01;
        mem[243] = 16'h0a7d;
        mem[244] = 16'h0b15;
        mem[245] = 16'h0b91;
        mem[246] = 16'h0c0d;
        mem[247] = 16'h0c89;
        mem[248] = 16'h0d21;
        mem[249] = 16'h0d9d;
        mem[250] = 16'h0e19;
        mem[251] = 16'h0e95;
        mem[252] = 16'h0f2d;
        mem[253] = 16'h0fa9;
        mem[254] = 16'h1025;
        mem[255] = 16'h10a1;
        mem[256] = 16'h00f5;
        mem[257] = 16'h0171;
        mem[258] = 16'h01ed;
        mem[259] = 16'h0269;
        mem[260] = 16'h0301;
        mem[261] = 16'h037d;
        mem[262] = 16'h03f9;
        mem[263] = 16'h0475;
        mem[264] = 16'h050d;
        mem[265] = 16'h0589;
        mem[266] = 16'h0605;
        mem[267] = 16'h0681;
        mem[268] = 16'h0719;
        mem[269] = 16'h0795;
        mem[270] = 16'h0811;
        mem[271] = 16'h088d;
        mem[272] = 16'h0925;
        mem[273] = 16'h09a1;
        mem[274] = 16'h0a1d;
        mem[275] = 16'h0a99;
        mem[276] = 16'h0b31;
        mem[277] = 16'h0bad;
        mem[278] = 16'h0c29;
        mem[279] = 16'h0ca5;
        mem[280] = 16'h0d3d;
        mem[281] = 16'h0db9;
        mem[282] = 16'h0e35;
        mem[283] = 16'h0eb1;
        mem[284] = 16'h0f49;
        mem[285] = 16'h0fc5;
        mem[286] = 16'h1041;
        mem[287] = 16'h10bd;
        mem[288] = 16'h0111;
        mem[289] = 16'h018d;
        mem[290] = 16'h0209;
        mem[291] = 16'h0285;
        mem[292] = 16'h031d;
        mem[293] = 16'h0399;
        mem[294] = 16'h0415;
        mem[295] = 16'h0491;
        mem[296] = 16'h0529;
        mem[297] = 16'h05a5;
        mem[298] = 16'h0621;
        mem[299] = 16'h069d;
        mem[300] = 16'h0735;
        mem[301] = 16'h07b1;
        mem[302] = 16'h082d;
        mem[303] = 16'h08a9;
        mem[304] = 16'h0941;
        mem[305] = 16'h09bd;
        mem[306] = 16'h0a39;
        mem[307] = 16'h0ab5;
        mem[308] = 16'h0b4d;
        mem[309] = 16'h0bc9;
        mem[310] = 16'h0c45;
        mem[311] = 16'h0cc1;
        mem[312] = 16'h0d59;
        mem[313] = 16'h0dd5;
        mem[314] = 16'h0e51;
        mem[315] = 16'h0ecd;
        mem[316] = 16'h0f65;
        mem[317] = 16'h0fe1;
        mem[318] = 16'h105d;
        mem[319] = 16'h10d9;
        mem[320] = 16'h012d;
        mem[321] = 16'h01a9;
        mem[322] = 16'h0225;
        mem[323] = 16'h02a1;
        mem[324] = 16'h0339;
        mem[325] = 16'h03b5;
        mem[326] = 16'h0431;
        mem[327] = 16'h04ad;
        mem[328] = 16'h0545;
        mem[329] = 16'h05c1;
        mem[330] = 16'h063d;
        mem[331] = 16'h06b9;
        mem[332] = 16'h0751;
        mem[333] = 16'h07cd;
        mem[334] = 16'h0849;
        mem[335] = 16'h08c5;
        mem[336] = 16'h095d;
        mem[337] = 16'h09d9;
        mem[338] = 16'h0a55;
        mem[339] = 16'h0ad1;
        mem[340] = 16'h0b69;
        mem[341] = 16'h0be5;
        mem[342] = 16'h0c61;
        mem[343] = 16'h0cdd;
        mem[344] = 16'h0d75;
        mem[345] = 16'h0df1;
        mem[346] = 16'h0e6d;
        mem[347] = 16'h0ee9;
        mem[348] = 16'h0f81;
        mem[349] = 16'h0ffd;
        mem[350] = 16'h1079;
        mem[351] = 16'h10f5;
        mem[352] = 16'h0149;
        mem[353] = 16'h01c5;
        mem[354] = 16'h0241;
        mem[355] = 16'h02bd;
        mem[356] = 16'h0355;
        mem[357] = 16'h03d1;
        mem[358] = 16'h044d;
        mem[359] = 16'h04c9;
        mem[360] = 16'h0561;
        mem[361] = 16'h05dd;
        mem[362] = 16'h0659;
        mem[363] = 16'h06d5;
        mem[364] = 16'h076d;
        mem[365] = 16'h07e9;
        mem[366] = 16'h0865;
        mem[367] = 16'h08e1;
        mem[368] = 16'h0979;
        mem[369] = 16'h09f5;
        mem[370] = 16'h0a71;
        mem[371] = 16'h0aed;
        mem[372] = 16'h0b85;
        mem[373] = 16'h0c01;
        mem[374] = 16'h0c7d;
        mem[375] = 16'h0cf9;
        mem[376] = 16'h0d91;
        mem[377] = 16'h0e0d;
        mem[378] = 16'h0e89;
        mem[379] = 16'h0f05;
        mem[380] = 16'h0f9d;
        mem[381] = 16'h1019;
        mem[382] = 16'h1095;
        mem[383] = 16'h1111;
        mem[384] = 16'h0165;
        mem[385] = 16'h01e1;
        mem[386] = 16'h025d;
        mem[387] = 16'h02d9;
        mem[388] = 16'h0371;
        mem[389] = 16'h03ed;
        mem[390] = 16'h0469;
        mem[391] = 16'h04e5;
        mem[392] = 16'h057d;
        mem[393] = 16'h05f9;
        mem[394] = 16'h0675;
        mem[395] = 16'h06f1;
        mem[396] = 16'h0789;
        mem[397] = 16'h0805;
        mem[398] = 16'h0881;
        mem[399] = 16'h08fd;
        mem[400] = 16'h0995;
        mem[401] = 16'h0a11;
        mem[402] = 16'h0a8d;
        mem[403] = 16'h0b09;
        mem[404] = 16'h0ba1;
        mem[405] = 16'h0c1d;
        mem[406] = 16'h0c99;
        mem[407] = 16'h0d15;
        mem[408] = 16'h0dad;
        mem[409] = 16'h0e29;
        mem[410] = 16'h0ea5;
        mem[411] = 16'h0f21;
        mem[412] = 16'h0fb9;
        mem[413] = 16'h1035;
        mem[414] = 16'h10b1;
        mem[415] = 16'h112d;
        mem[416] = 16'h0181;
        mem[417] = 16'h01fd;
        mem[418] = 16'h0279;
        mem[419] = 16'h02f5;
        mem[420] = 16'h038d;
        mem[421] = 16'h0409;
        mem[422] = 16'h0485;
        mem[423] = 16'h0501;
        mem[424] = 16'h0599;
        mem[425] = 16'h0615;
        mem[426] = 16'h0691;
        mem[427] = 16'h070d;
        mem[428] = 16'h07a5;
        mem[429] = 16'h0821;
        mem[430] = 16'h089d;
        mem[431] = 16'h0919;
        mem[432] = 16'h09b1;
        mem[433] = 16'h0a2d;
        mem[434] = 16'h0aa9;
        mem[435] = 16'h0b25;
        mem[436] = 16'h0bbd;
        mem[437] = 16'h0c39;
        mem[438] = 16'h0cb5;
        mem[439] = 16'h0d31;
        mem[440] = 16'h0dc9;
        mem[441] = 16'h0e45;
        mem[442] = 16'h0ec1;
        mem[443] = 16'h0f3d;
        mem[444] = 16'h0fd5;
        mem[445] = 16'h1051;
        mem[446] = 16'h10cd;
        mem[447] = 16'h1149;
        mem[448] = 16'h019d;
        mem[449] = 16'h0219;
        mem[450] = 16'h0295;
        mem[451] = 16'h0311;
        mem[452] = 16'h03a9;
        mem[453] = 16'h0425;
        mem[454] = 16'h04a1;
        mem[455] = 16'h051d;
        mem[456] = 16'h05b5;
        mem[457] = 16'h0631;
        mem[458] = 16'h06ad;
        mem[459] = 16'h0729;
        mem[460] = 16'h07c1;
        mem[461] = 16'h083d;
        mem[462] = 16'h08b9;
        mem[463] = 16'h0935;
        mem[464] = 16'h09cd;
        mem[465] = 16'h0a49;
        mem[466] = 16'h0ac5;
        mem[467] = 16'h0b41;
        mem[468] = 16'h0bd9;
        mem[469] = 16'h0c55;
        mem[470] = 16'h0cd1;
        mem[471] = 16'h0d4d;
        mem[472] = 16'h0de5;
        mem[473] = 16'h0e61;
        mem[474] = 16'h0edd;
        mem[475] = 16'h0f59;
        mem[476] = 16'h0ff1;
        mem[477] = 16'h106d;
        mem[478] = 16'h10e9;
        mem[479] = 16'h1165;
        mem[480] = 16'h01b9;
        mem[481] = 16'h0235;
        mem[482] = 16'h02b1;
        mem[483] = 16'h032d;
        mem[484] = 16'h03c5;
        mem[485] = 16'h0441;
        mem[486] = 16'h04bd;
        mem[487] = 16'h0539;
        mem[488] = 16'h05d1;
        mem[489] = 16'h064d;
        mem[490] = 16'h06c9;
        mem[491] = 16'h0745;
        mem[492] = 16'h07dd;
        mem[493] = 16'h0859;
        mem[494] = 16'h08d5;
        mem[495] = 16'h0951;
        mem[496] = 16'h09e9;
        mem[497] = 16'h0a65;
        mem[498] = 16'h0ae1;
        mem[499] = 16'h0b5d;
        mem[500] = 16'h0bf5;
        mem[501] = 16'h0c71;
        mem[502] = 16'h0ced;
        mem[503] = 16'h0d69;
        mem[504] = 16'h0e01;
        mem[505] = 16'h0e7d;
        mem[506] = 16'h0ef9;
        mem[507] = 16'h0f75;
        mem[508] = 16'h100d;
        mem[509] = 16'h1089;
        mem[510] = 16'h1105;
        mem[511] = 16'h1181;
        mem[515] = 16'h0100;
        mem[519] = 16'h0100;
        mem[523] = 16'h0100;
        mem[527] = 16'h0100;
        mem[531] = 16'h0100;
        mem[535] = 16'h0100;
        mem[539] = 16'h0100;
        mem[543] = 16'h0100;
    end
    initial begin rd_raw = 16'h0; rd_ok = 1'b0; end
    always @(posedge clock) begin
        if (write_enable && write_address < 16'd544) mem[write_address[9:0]] <= write_data;
        rd_raw <= mem[read_address[9:0]];
        rd_ok <= read_address < 16'd544;
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
